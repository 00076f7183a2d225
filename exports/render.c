/* SPDX-License-Identifier: MIT */
/*
 * render.c: a diagram laid out by Graphviz's dot engine and drawn as SVG,
 * PNG or PDF through gvc.
 *
 * The diagram is the one dot.c builds (see the drawing rules there), so
 * `zonegraph ... --format svg` and `--format dot | dot -Tsvg` agree. Each
 * call runs gvLayout, gvRenderData, gvFreeLayout and agclose; Graphviz's
 * messages are captured for the length of the call and the first error
 * becomes the zg_error message. Rendering goes to memory first so that a
 * short write to `out` is an I/O error of ours, not a half-written image
 * that Graphviz reported as fine.
 *
 * The gvc context is made once and kept for the life of the process rather
 * than freed after each call. Graphviz 2.42's pango text layout (the one
 * that measures labels for svg, png and pdf) keeps a static pointer to the
 * name of the last font it used, and that string belongs to the context:
 * after gvFreeContext() the next render in the same process compares
 * against freed memory (AddressSanitizer: heap-use-after-free in strcmp,
 * called from libgvplugin_pango). A context that lives as long as the
 * process keeps the string valid; Graphviz's own language bindings keep one
 * static context too. It stays reachable until exit, so leak checkers do
 * not report it.
 */
#include "export_internal.h"

#include <errno.h>
#include <gvc.h>
#include <stdio.h>
#include <string.h>

/* The formats we promise; Graphviz knows more, but these are tested. */
static const char *const formats[] = {"svg", "png", "pdf"};

/* 1 if `format` is one of `formats`. */
static int
supported(const char *format)
{
    size_t i;

    for (i = 0; i < sizeof formats / sizeof formats[0]; i++)
        if (strcmp(format, formats[i]) == 0)
            return 1;
    return 0;
}

/* Made once, never freed: see the top of this file. */
static GVC_t *shared_gvc;

/* The process's gvc context, made on first use; NULL if gvc fails. */
static GVC_t *
context(void)
{
    if (shared_gvc == NULL)
        shared_gvc = gvContext();
    return shared_gvc;
}

/* Record a Graphviz failure during `stage` with Graphviz's own message. */
static zg_status
gv_error(zg_error *err, const char *stage, const char *format)
{
    const char *msg = zg_export__gv_message();

    return zg_error_set(err, ZG_ERR_EXPORT, NULL, 0, 0,
                        "Graphviz could not %s the %s diagram%s%s", stage,
                        format, msg[0] ? ": " : "", msg);
}

/*
 * See zg_export.h. Also fails with ZG_ERR_INVALID for a NULL argument or a
 * format other than svg, png and pdf (the message lists them), and
 * ZG_ERR_IO when `out` cannot take the bytes. Not thread-safe: Graphviz's
 * error state is global.
 */
zg_status
zg_export_render(const zg_graph *g, const zg_dot_options *opt,
                 const char *format, FILE *out, zg_error *err)
{
    GVC_t *gvc = NULL;
    zg_export__diagram *d = NULL;
    Agraph_t *ag = NULL;
    char *data = NULL;
    unsigned int len = 0;
    zg_status st = ZG_OK;
    int e;

    if (g == NULL || out == NULL || format == NULL)
        return zg_error_set(err, ZG_ERR_INVALID, NULL, 0, 0,
                            "zg_export_render: no graph, format or output");
    if (!supported(format))
        return zg_error_set(err, ZG_ERR_INVALID, NULL, 0, 0,
                            "unsupported diagram format '%s' (supported: "
                            "svg, png, pdf)",
                            format);
    zg_export__gv_begin();
    gvc = context();
    if (gvc == NULL) {
        st = gv_error(err, "set up", format);
        goto out;
    }
    st = zg_export__diagram_new(&d, g, opt, err);
    if (st != ZG_OK)
        goto out;
    ag = zg_export__diagram_graph(d);
    if (gvLayout(gvc, ag, "dot") != 0 || zg_export__gv_failed()) {
        st = gv_error(err, "lay out", format);
        goto out;
    }
    if (gvRenderData(gvc, ag, format, &data, &len) != 0 ||
        zg_export__gv_failed()) {
        st = gv_error(err, "render", format);
        goto out;
    }
    errno = 0;
    if ((len > 0 && fwrite(data, 1, len, out) != len) || fflush(out) != 0 ||
        ferror(out)) {
        e = errno;
        st = zg_error_set(err, ZG_ERR_IO, NULL, 0, 0,
                          "cannot write the %s diagram: %s", format,
                          e ? strerror(e) : "write error");
        goto out;
    }
out:
    if (data != NULL)
        gvFreeRenderData(data);
    if (gvc != NULL && ag != NULL)
        gvFreeLayout(gvc, ag); /* safe after a failed or no layout */
    zg_export__diagram_free(d);
    zg_export__gv_end();
    return st;
}
