// SPDX-License-Identifier: MIT
//
// Traditional to simplified Chinese through OpenCC's C++ interface (see
// t2s.h for why C++). Nothing here throws: every call catches what OpenCC
// and marisa-trie throw and reports it as a zg_error.
#include "t2s.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <new>
#include <string>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <opencc/Config.hpp>
#include <opencc/Converter.hpp>

struct zg_t2s {
    opencc::ConverterPtr conv;
};

namespace
{

// The dictionaries of OpenCC's t2s conversion, as its t2s.json names them.
const char *const phrases = "TSPhrases.ocd2";
const char *const characters = "TSCharacters.ocd2";

const char hint[] = "install OpenCC's data (Debian: libopencc-data) or set "
                    "ZONEGRAPH_OPENCC_DIR to the folder that holds "
                    "TSPhrases.ocd2";

// ZG_OK if `path` is a readable regular file, else an error naming it.
zg_status
check_file(const std::string &path, zg_error *err)
{
    struct stat sb;
    int fd = open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);

    if (fd < 0)
        return zg_error_set(err, ZG_ERR_IO, nullptr, 0, 0,
                            "cannot read OpenCC dictionary %s: %s (%s)",
                            path.c_str(), std::strerror(errno), hint);
    int st = fstat(fd, &sb);
    close(fd);
    if (st != 0 || !S_ISREG(sb.st_mode))
        return zg_error_set(err, ZG_ERR_IO, nullptr, 0, 0,
                            "OpenCC dictionary %s is not a regular file (%s)",
                            path.c_str(), hint);
    return ZG_OK;
}

// The t2s configuration with absolute dictionary paths under `dir`, so
// OpenCC never looks in the current directory.
std::string
config_for(const std::string &dir)
{
    std::string p = "\"" + dir + "/" + phrases + "\"";
    std::string c = "\"" + dir + "/" + characters + "\"";

    return "{\"name\":\"t2s\",\"segmentation\":{\"type\":\"mmseg\","
           "\"dict\":{\"type\":\"ocd2\",\"file\":" +
           p +
           "}},\"conversion_chain\":[{\"dict\":{\"type\":\"group\","
           "\"dicts\":[{\"type\":\"ocd2\",\"file\":" +
           p + "},{\"type\":\"ocd2\",\"file\":" + c + "}]}}]}";
}

} // namespace

extern "C" zg_status
zg_t2s_open(zg_t2s **out, const char *dir, zg_error *err)
{
    *out = nullptr;
    if (dir[0] != '/')
        return zg_error_set(err, ZG_ERR_IO, nullptr, 0, 0,
                            "the OpenCC data folder must be an absolute "
                            "path, not '%s'",
                            dir);
    for (const char *p = dir; *p; p++) {
        // Characters a JSON string would need to escape: refuse them
        // rather than write a configuration that means something else.
        if (*p == '"' || *p == '\\' || (unsigned char)*p < 0x20)
            return zg_error_set(err, ZG_ERR_IO, nullptr, 0, 0,
                                "the OpenCC data folder name holds a quote, "
                                "backslash or control character");
    }
    try {
        std::string d(dir);
        while (d.size() > 1 && d.back() == '/')
            d.pop_back();
        zg_status st = check_file(d + "/" + phrases, err);
        if (st == ZG_OK)
            st = check_file(d + "/" + characters, err);
        if (st != ZG_OK)
            return st;
        zg_t2s *t = new zg_t2s;
        try {
            opencc::Config config;
            t->conv = config.NewFromString(config_for(d), d);
        } catch (...) {
            delete t;
            throw;
        }
        *out = t;
        return ZG_OK;
    } catch (const std::bad_alloc &) {
        return zg_error_set(err, ZG_ERR_NOMEM, nullptr, 0, 0, "out of memory");
    } catch (const std::exception &e) {
        return zg_error_set(err, ZG_ERR_IO, nullptr, 0, 0,
                            "cannot load OpenCC's dictionaries from %s: %s "
                            "(%s)",
                            dir, e.what(), hint);
    } catch (...) {
        return zg_error_set(err, ZG_ERR_IO, nullptr, 0, 0,
                            "cannot load OpenCC's dictionaries from %s (%s)",
                            dir, hint);
    }
}

extern "C" void
zg_t2s_free(zg_t2s *t)
{
    delete t;
}

extern "C" zg_status
zg_t2s_convert(const zg_t2s *t, const char *s, size_t n, char **out,
               zg_error *err)
{
    *out = nullptr;
    try {
        std::string res = t->conv->Convert(std::string(s, n));
        char *copy = static_cast<char *>(std::malloc(res.size() + 1));
        if (copy == nullptr)
            return zg_error_set(err, ZG_ERR_NOMEM, nullptr, 0, 0,
                                "out of memory");
        std::memcpy(copy, res.c_str(), res.size() + 1);
        *out = copy;
        return ZG_OK;
    } catch (const std::bad_alloc &) {
        return zg_error_set(err, ZG_ERR_NOMEM, nullptr, 0, 0, "out of memory");
    } catch (const std::exception &e) {
        return zg_error_set(err, ZG_ERR_IO, nullptr, 0, 0,
                            "OpenCC conversion failed: %s", e.what());
    } catch (...) {
        return zg_error_set(err, ZG_ERR_IO, nullptr, 0, 0,
                            "OpenCC conversion failed");
    }
}
