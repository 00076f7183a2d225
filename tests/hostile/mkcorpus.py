#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Write the hostile-input corpus of tests/hostile/.

The files are committed; this script documents how the binary ones
(encodings) were made and can rebuild them all: run it from anywhere, it
writes to corpus/ next to itself. Expected outcomes live in cases.tsv, not here.
Placeholders the test driver fills in at run time: @PORT@ (a loopback
port with a listener that must see no connection), @SECRET@ (the absolute
path of a file that must not be opened).
"""
import os

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus")

HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'
SCHEMA = """<zonegraph version="1">
  <schema>
    <nodetype name="t" zh="类" en="type"/>
    <relationtype name="r" zh="连" en="links" from="t" to="t"/>
  </schema>
  <source id="s" title="来源"/>
"""
TAIL = "</zonegraph>\n"


def doc(body, head=HEAD):
    return head + SCHEMA + body + TAIL


def node(key, name, extra=""):
    return '  <t id="%s" name="%s"%s/>\n' % (key, name, extra)


def rel(a, b, t="r"):
    return ('  <relation from="%s" type="%s" to="%s" source="s">'
            '<evidence>证据</evidence></relation>\n' % (a, t, b))


def write(name, data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)


OK_BODY = node("a", "甲") + node("b", "乙") + rel("a", "b")

# ---- malformed XML ----
write("m-unclosed-root.xml", HEAD + SCHEMA + node("a", "甲"))
write("m-mismatch.xml", doc('  <t id="a" name="A"></s>\n'))
write("m-unquoted-attr.xml", doc('  <t id=a name="A"/>\n'))
write("m-dup-attr.xml", doc('  <t id="a" name="A" id="b"/>\n'))
write("m-lt-in-attr.xml", doc('  <t id="a" name="a<b"/>\n'))
write("m-bad-name.xml", doc('  <1t id="a" name="A"/>\n'))
write("m-two-roots.xml", doc(OK_BODY) + '<zonegraph version="1"/>\n')
write("m-text-after-root.xml", doc(OK_BODY) + "junk\n")
write("m-charref-nul.xml", doc('  <t id="a" name="&#0;"/>\n'))
write("m-charref-surrogate.xml", doc('  <t id="a" name="&#xD800;"/>\n'))
write("m-charref-too-big.xml", doc('  <t id="a" name="&#x110000;"/>\n'))
write("m-bare-amp.xml", doc('  <t id="a" name="A & B"/>\n'))
write("m-late-xmldecl.xml", "\n" + doc(OK_BODY))
write("m-empty.xml", "")
write("m-whitespace-only.xml", "\n   \n\t\n")
write("m-comment-dashes.xml", doc("  <!-- a -- b -->\n" + OK_BODY))
write("m-no-root.xml", HEAD + "<!-- nothing here -->\n")
write("m-truncated-in-tag.xml", HEAD + SCHEMA + '  <t id="a" na')
write("m-cdata-outside-root.xml", doc(OK_BODY) + "<![CDATA[x]]>\n")
write("m-unterminated-comment.xml", HEAD + SCHEMA + "  <!-- never ends\n")
write("m-unterminated-cdata.xml",
      HEAD + SCHEMA + '  <t id="a" name="A"><note><![CDATA[ never ends\n')
write("m-attr-no-value.xml", doc('  <t id name="A"/>\n'))
write("m-undeclared-prefix.xml", doc('  <p:t id="a" name="A"/>\n'))
write("m-lone-gt-end.xml", doc('  <t id="a" name="A"/ >\n'))
write("m-pi-target-xml.xml", doc("  <?xml-foo?>\n  <?XmL bar?>\n" + OK_BODY))

# ---- encodings ----
GOOD_CJK = doc(node("a", "尼∼侷") + node("b", "乙") + rel("a", "b"))
write("e-utf16le-bom.xml", b"\xff\xfe" +
      GOOD_CJK.replace('"UTF-8"', '"UTF-16"').encode("utf-16-le"))
write("e-utf16be-bom.xml", b"\xfe\xff" +
      GOOD_CJK.replace('"UTF-8"', '"UTF-16"').encode("utf-16-be"))
write("e-utf16le-bom-nodecl.xml", b"\xff\xfe" +
      GOOD_CJK.replace(HEAD, "").encode("utf-16-le"))
write("e-utf16le-nobom.xml",
      GOOD_CJK.replace('"UTF-8"', '"UTF-16"').encode("utf-16-le"))
write("e-utf8-bom.xml", b"\xef\xbb\xbf" + GOOD_CJK.encode("utf-8"))
LATIN = doc(node("a", "Café Zürich") + node("b", "Ærø") + rel("a", "b"),
            head='<?xml version="1.0" encoding="ISO-8859-1"?>\n')
write("e-latin1.xml", LATIN.replace("类", "t").replace("连", "r")
      .replace("来源", "src").replace("证据", "ev").encode("latin-1"))
write("e-latin1-undeclared.xml",
      doc(node("a", "Café")).replace("类", "t").replace("连", "r")
      .replace("来源", "src").encode("latin-1"))
write("e-gbk.xml", doc(OK_BODY.replace("甲", "乚俔"),
                       head='<?xml version="1.0" encoding="GBK"?>\n')
      .encode("gbk"))
write("e-unknown-encoding.xml",
      doc(OK_BODY, head='<?xml version="1.0" encoding="X-NO-SUCH"?>\n'))
write("e-invalid-utf8.xml", doc(node("a", "A")).encode() .replace(
    b'name="A"', b'name="\xff"'))
write("e-overlong-slash.xml", doc(node("a", "A")).encode().replace(
    b'name="A"', b'name="\xc0\xaf"'))
write("e-overlong-lt.xml",
      doc('  <t id="a" name="A"><note>x\xc0\xbcy</note></t>\n'.replace(
          "\xc0\xbc", "@@")).encode().replace(b"@@", b"\xc0\xbc"))
write("e-overlong-3byte.xml", doc(node("a", "A")).encode().replace(
    b'name="A"', b'name="\xe0\x80\xaf"'))
write("e-overlong-4byte.xml", doc(node("a", "A")).encode().replace(
    b'name="A"', b'name="\xf0\x80\x80\xaf"'))
write("e-utf8-surrogate.xml", doc(node("a", "A")).encode().replace(
    b'name="A"', b'name="\xed\xa0\x80"'))
write("e-beyond-10ffff.xml", doc(node("a", "A")).encode().replace(
    b'name="A"', b'name="\xf4\x90\x80\x80"'))
write("e-nul-in-text.xml",
      doc('  <t id="a" name="A"><note>x@y</note></t>\n').encode()
      .replace(b"x@y", b"x\x00y"))
write("e-nul-in-attr.xml", doc(node("a", "A")).encode().replace(
    b'name="A"', b'name="\x00"'))
write("e-truncated-utf8.xml",
      (HEAD + SCHEMA + '  <t id="a" name="').encode() + "中".encode()[:2])
write("e-utf16-label-on-utf8.xml",
      doc(OK_BODY, head='<?xml version="1.0" encoding="UTF-16"?>\n'))
write("e-utf7.xml",
      doc(OK_BODY, head='<?xml version="1.0" encoding="UTF-7"?>\n')
      .replace('<t id="b" name="乙"/>', '+ADw-t id=+ACI-b+ACI- name=+ACI-x+ACI-/+AD4-'))
write("e-ebcdic.xml",
      doc(node("a", "A")).replace("UTF-8", "IBM037").replace("类", "t")
      .replace("连", "r").replace("来源", "src").encode("cp037"))
write("e-ucs4.xml",
      doc(node("a", "A")).replace("UTF-8", "UCS-4").encode("utf-32-be"))
write("e-utf16-odd-length.xml", (b"\xff\xfe" +
      GOOD_CJK.replace('"UTF-8"', '"UTF-16"').encode("utf-16-le"))[:-1])
write("e-utf16-lone-surrogate.xml", b"\xff\xfe" + doc(node("a", "@@"))
      .replace('"UTF-8"', '"UTF-16"').encode("utf-16-le")
      .replace("@@".encode("utf-16-le"), b"\x00\xd8A\x00"))
write("e-utf16-bom-declares-latin1.xml", b"\xff\xfe" + GOOD_CJK.replace(
    '"UTF-8"', '"ISO-8859-1"').encode("utf-16-le"))
# A GBK character whose second byte is ']' followed by "]>" must not end
# the CDATA section for the attribute guard: the <q "...> after it is
# character data, and the real <t> after the CDATA has too many attributes
# for the limit the manifest sets.
write("e-gbk-cdata-desync.xml",
      doc('  <t id="a" name="A"><note><![CDATA[乚]><q " ]]></note></t>\n'
          '  <t id="b" name="B" en="b" since="2020" until="2021" basis="stated"/>\n',
          head='<?xml version="1.0" encoding="GBK"?>\n').encode("gbk"))
write("e-big5-cdata-desync.xml",
      doc('  <t id="a" name="A"><note><![CDATA[也]><q " ]]></note></t>\n'
          '  <t id="b" name="B" en="b" since="2020" until="2021" basis="stated"/>\n',
          head='<?xml version="1.0" encoding="Big5"?>\n')
      .replace("类", "類").replace("连", "連").replace("来源", "來源")
      .encode("big5"))
write("e-utf16-gt-in-units.xml", b"\xff\xfe" + doc(
    '  <t id="a" name="A"><note>\u223c\u3e22\u225c &quot;</note></t>\n'
    '  <t id="b" name="B" en="b" since="2020" until="2021" basis="stated"/>\n')
    .replace('"UTF-8"', '"UTF-16"').encode("utf-16-le"))

# ---- entities, DTDs, external resources ----
LAUGHS = HEAD + '<!DOCTYPE zonegraph [\n <!ENTITY lol "lol">\n'
prev = "lol"
for i in range(1, 10):
    LAUGHS += ' <!ENTITY lol%d "%s">\n' % (i, ("&%s;" % prev) * 10)
    prev = "lol%d" % i
LAUGHS += ']>\n<zonegraph version="1">&lol9;</zonegraph>\n'
write("x-billion-laughs.xml", LAUGHS)
write("x-billion-laughs-attr.xml", LAUGHS.replace(
    '<zonegraph version="1">&lol9;</zonegraph>',
    '<zonegraph version="1"><schema><nodetype name="t" zh="&lol9;"/>'
    '</schema></zonegraph>'))
write("x-external-file-entity.xml", HEAD +
      '<!DOCTYPE zonegraph [\n <!ENTITY x SYSTEM "file://@SECRET@">\n]>\n'
      '<zonegraph version="1">&x;</zonegraph>\n')
write("x-external-passwd.xml", HEAD +
      '<!DOCTYPE zonegraph [\n <!ENTITY x SYSTEM "file:///etc/passwd">\n]>\n'
      + doc(node("a", "&x;"), head=""))
write("x-external-dtd-file.xml", HEAD +
      '<!DOCTYPE zonegraph SYSTEM "file://@SECRET@">\n' + doc(OK_BODY, head=""))
write("x-external-dtd-relative.xml", HEAD +
      '<!DOCTYPE zonegraph SYSTEM "@SECRET@">\n' + doc(OK_BODY, head=""))
write("x-external-dtd-http.xml", HEAD +
      '<!DOCTYPE zonegraph SYSTEM "http://127.0.0.1:@PORT@/zonegraph.dtd">\n'
      + doc(OK_BODY, head=""))
write("x-external-dtd-public.xml", HEAD +
      '<!DOCTYPE zonegraph PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" '
      '"http://127.0.0.1:@PORT@/xhtml1-strict.dtd">\n' + doc(OK_BODY, head=""))
write("x-external-entity-http.xml", HEAD +
      '<!DOCTYPE zonegraph [\n <!ENTITY x SYSTEM "http://127.0.0.1:@PORT@/e">\n]>\n'
      + doc(node("a", "&x;"), head=""))
write("x-parameter-entity.xml", HEAD +
      '<!DOCTYPE zonegraph [\n <!ENTITY % p SYSTEM "http://127.0.0.1:@PORT@/p">\n'
      ' %p;\n]>\n' + doc(OK_BODY, head=""))
write("x-parameter-entity-file.xml", HEAD +
      '<!DOCTYPE zonegraph [\n <!ENTITY % p SYSTEM "file://@SECRET@">\n'
      ' %p;\n]>\n' + doc(OK_BODY, head=""))
write("x-undeclared-entity.xml", doc('  <t id="a" name="A"><note>&x;</note></t>\n'))
write("x-entity-in-attr.xml", doc(node("a", "&x;")))
write("x-predefined-entities.xml",
      doc(node("a", "a&amp;b&lt;c&gt;d&quot;e&apos;f&#x4E2D;&#25991;") +
          '  <t id="b" name="&#38;&#x26;&amp;#38;&amp;amp;">'
          '<note>a&amp;b&lt;&#38;&amp;#38;</note></t>\n' + rel("a", "b")))
write("x-xinclude.xml", doc(
    '  <t id="a" name="A"/>\n'
    '  <xi:include xmlns:xi="http://www.w3.org/2001/XInclude" '
    'href="file://@SECRET@" parse="text"/>\n'))
write("x-xinclude-root-ns.xml",
      HEAD + '<zonegraph version="1" xmlns:xi="http://www.w3.org/2001/XInclude">\n'
      '  <xi:include href="http://127.0.0.1:@PORT@/x.xml"/>\n</zonegraph>\n')
write("x-xsi-schema-location.xml",
      HEAD + '<zonegraph version="1" '
      'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
      'xsi:noNamespaceSchemaLocation="http://127.0.0.1:@PORT@/z.xsd">\n'
      '</zonegraph>\n')
write("x-stylesheet-pi.xml", HEAD +
      '<?xml-stylesheet type="text/xsl" href="http://127.0.0.1:@PORT@/s.xsl"?>\n'
      + doc(OK_BODY, head=""))
write("x-doctype-utf16.xml", b"\xff\xfe" + (
    '<?xml version="1.0" encoding="UTF-16"?>\n'
    '<!DOCTYPE zonegraph SYSTEM "http://127.0.0.1:@PORT@/u.dtd">\n'
    '<zonegraph version="1"/>\n').encode("utf-16-le"))
write("x-doctype-after-root.xml", doc(OK_BODY)
      + '<!DOCTYPE zonegraph SYSTEM "http://127.0.0.1:@PORT@/late.dtd">\n')
write("x-doctype-in-content.xml", doc(
    '  <!DOCTYPE zonegraph SYSTEM "http://127.0.0.1:@PORT@/in.dtd">\n'))

# ---- graph semantics ----
write("g-self-loop.xml", doc(node("a", "甲") + rel("a", "a")))
write("g-cycle.xml", doc(node("a", "甲") + node("b", "乙") + node("c", "丙")
                         + rel("a", "b") + rel("b", "c") + rel("c", "a")))
write("g-cluster-cycle.xml", doc(
    node("a", "甲") + node("b", "乙") + node("c", "丙") +
    rel("a", "b", "in") + rel("b", "c", "in") + rel("c", "a", "in") +
    rel("a", "a", "in")).replace(
        '<relationtype name="r"',
        '<relationtype name="in" from="t" to="t" cluster="yes"/>\n'
        '    <relationtype name="r"'))
write("g-dangling.xml", doc(node("a", "甲") + rel("a", "zz")))
write("g-dangling-from.xml", doc(node("a", "甲") + rel("zz", "a")))
write("g-duplicate-id.xml", doc(node("a", "甲") + node("a", "乙")))
write("g-duplicate-relation.xml", doc(OK_BODY + rel("a", "b")))
write("g-wrong-endpoint.xml", doc(
    node("a", "甲") + '  <u id="b" name="乙"/>\n' + rel("a", "b")).replace(
        '<nodetype name="t" zh="类" en="type"/>',
        '<nodetype name="t" zh="类" en="type"/><nodetype name="u"/>'))
write("g-unknown-reltype.xml", doc(OK_BODY + rel("a", "b", "nope")))
write("g-unknown-source.xml", doc(node("a", "甲", ' source="nope"')))
write("g-empty-id.xml", doc(node("", "甲")))
write("g-space-id.xml", doc(node(" a", "甲")))
write("g-newline-id.xml", doc(node("a&#10;b", "甲")))
write("g-reserved-type.xml", doc("").replace(
    '<nodetype name="t" zh="类" en="type"/>',
    '<nodetype name="t"/><nodetype name="relation"/>'))
write("g-reltype-unknown-endpoint.xml", doc("").replace(
    'from="t" to="t"', 'from="t" to="nope"'))
write("g-conflicting-nodetype.xml", doc("").replace(
    '<nodetype name="t" zh="类" en="type"/>',
    '<nodetype name="t" zh="类"/><nodetype name="t" zh="别"/>'))
write("g-node-before-schema.xml", HEAD + '<zonegraph version="1">\n'
      + node("a", "甲") + SCHEMA.replace('<zonegraph version="1">\n', "")
      + TAIL)
write("g-lookalike-ids.xml", doc(
    node("A", "甲") + node("Ａ", "乙") + node("a", "丙") + node("A\u0301", "丁")
    + node("\u00c1", "戊") + rel("A", "Ａ") + rel("Ａ", "a")))
write("g-unknown-attr.xml", doc(node("a", "甲", ' onload="x"')))
write("g-namespaced-attr.xml", doc(
    '  <t xmlns:p="urn:p" id="a" name="A" p:x="1"/>\n'))
write("g-bad-version.xml", doc(OK_BODY).replace('version="1">', 'version="1.0">', 1))
write("g-wrong-root.xml", HEAD + '<graphml version="1"/>\n')

# ---- DOT-hostile labels (must import and export) ----
write("d-backslash-end.xml", doc(node("a\\", "甲\\") + node("b", "\\") +
                                 rel("a\\", "b")))
write("d-escaped-quote.xml", doc(node('a\\&quot;', 'x\\&quot;y') +
                                 node("b", '\\&quot;') + rel('a\\&quot;', "b")))
write("d-html.xml", doc(node("a", "&lt;b&gt;bold&lt;/b&gt;") +
                        node("&lt;i&gt;", "&lt;&lt;TABLE&gt;&gt;") +
                        rel("a", "&lt;i&gt;")))
write("d-newlines.xml", doc(node("a", "第一行&#10;第二行&#13;&#9;x") +
                            node("b", "a\nb") + rel("a", "b")))
write("d-braces.xml", doc(node("a", "{ } [ ] ; , = -> -- digraph { }") +
                          node("{b}", "}") + rel("a", "{b}")))
write("d-injection.xml", doc(
    node("a", '&quot;]; n99 [label=&quot;pwn&quot;]; n0 -> n99; x [label=&quot;') +
    node('b&quot; -> &quot;c', "乙") + rel("a", 'b&quot; -> &quot;c')))
write("d-escstring.xml", doc(node("a", "\\N \\G \\E \\T \\H \\L \\n \\l \\r \\\\") +
                             node("b", "\\") + rel("a", "b")))
write("d-unicode.xml", doc(
    node("a", "\u202etxet\u202c \u200b\u200d \U0001F600 e\u0301 \ufeff") +
    node("b", "\U00020000\U0002A6D6") + rel("a", "b")))
write("d-labels-in-types.xml", doc(OK_BODY).replace(
    '<nodetype name="t" zh="类" en="type"/>',
    '<nodetype name="t" zh="类\\" en="&quot;\\"/>').replace(
    'zh="连" en="links"', 'zh="连\\" en="&lt;b&gt;\\&quot;"'))
write("d-hostile-cluster.xml", doc(
    node("a", "甲\\") + node("b", '乙\\&quot;{') + rel("a", "b", "in")).replace(
        '<relationtype name="r"',
        '<relationtype name="in" zh="\\" from="t" to="t" cluster="yes"/>\n'
        '    <relationtype name="r"'))
write("d-hostile-source.xml", doc(
    node("a", "甲", ' source="s"') + node("b", "乙") + rel("a", "b")).replace(
        '<source id="s" title="来源"/>',
        '<source id="s" title="\\&quot;]; x" url="javascript:alert(1)"/>'))

# ---- added with the input guard ----
write("m-pi-first-nonascii.xml",
      '<?xml-stylesheet href="样式.xsl"?>\n' + doc(OK_BODY, head=""))
write("e-xmldecl-long.xml",
      doc(OK_BODY, head='<?xml version="1.0"' + " " * 2000 + '?>\n'))
write("e-xmldecl-nonascii.xml",
      doc(OK_BODY, head='<?xml version="1.0" standalone="是"?>\n'))
write("e-utf8-bom-declares-latin1.xml", b"\xef\xbb\xbf" +
      doc(OK_BODY, head='<?xml version="1.0" encoding="ISO-8859-1"?>\n')
      .encode())
write("e-latin1-single-quotes.xml", LATIN.replace(
    'encoding="ISO-8859-1"', "encoding='latin1'").replace("类", "t")
      .replace("连", "r").replace("来源", "src").replace("证据", "ev")
      .encode("latin-1"))
write("e-ascii-high-bytes.xml",
      doc(node("a", "Caf@"), head='<?xml version="1.0" encoding="US-ASCII"?>\n')
      .replace("类", "t").replace("连", "r").replace("来源", "src")
      .encode().replace(b"@", b"\xe9"))
write("e-gb18030.xml", doc(node("a", "\U00020000\u20ac甲") + node("b", "乙")
                           + rel("a", "b"),
                           head='<?xml version="1.0" encoding="GB18030"?>\n')
      .encode("gb18030"))
write("e-encoding-iconv-suffix.xml",
      doc(OK_BODY, head='<?xml version="1.0" encoding="ISO-8859-1//IGNORE"?>\n'))

# ---- GraphML (the same driver; its own mapping, doc/graphml.md) ----
GHEAD = (HEAD + '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"'
         ' xmlns:zg="urn:zonegraph:1">\n')
GKEYS = ('  <key id="t" for="node" attr.name="type" attr.type="string"/>\n'
         '  <key id="n" for="node" attr.name="name" attr.type="string"/>\n'
         '  <key id="w" for="edge" attr.name="weight" attr.type="double"/>\n')
GTAIL = "</graphml>\n"


def gdoc(body, keys=GKEYS, graph='<graph edgedefault="directed">'):
    return GHEAD + keys + "  " + graph + "\n" + body + "  </graph>\n" + GTAIL


def gnode(key, name=None, extra=""):
    data = '<data key="n">%s</data>' % name if name is not None else ""
    return '    <node id="%s">%s%s</node>\n' % (key, data, extra)


def gedge(a, b, extra=""):
    return '    <edge source="%s" target="%s">%s</edge>\n' % (a, b, extra)


G_OK = gnode("a", "甲") + gnode("b", "乙") + gedge("a", "b")
write("gm-ok-foreign.graphml", gdoc(
    '    <desc>made by <b>hand</b></desc>\n' + G_OK
    + gedge("b", "a", '<data key="w">1e-05</data>')))
write("gm-ok-extension.graphml", gdoc(
    '    <data key="zg"><zg:nodetype name="u" zh="类"/>'
    '<zg:relationtype name="q" from="u" to="u"/>'
    '<zg:source id="s2" title="来源二"/></data>\n'
    + gnode("a", "甲", '<data key="t">u</data><data key="zg">'
            '<zg:alias lang="en">A</zg:alias>'
            '<zg:figure name="f" value="1.5" unit="家" date="2020" source="s2">'
            '<zg:evidence>证据</zg:evidence></zg:figure></data>')
    + gnode("b", "乙", '<data key="t">u</data>')
    + gedge("a", "b", '<data key="et">q</data><data key="es">s2</data>'
            '<data key="ee">证据</data>'),
    keys=GKEYS
    + '  <key id="zg" for="all" attr.name="zonegraph" zg:field="extension"/>\n'
    '  <key id="et" for="edge" attr.name="type" zg:field="type"/>\n'
    '  <key id="es" for="edge" attr.name="source" zg:field="source"/>\n'
    '  <key id="ee" for="edge" attr.name="evidence" zg:field="evidence"/>\n'))
write("gm-ok-defaults-undirected.graphml", gdoc(
    G_OK, keys=GKEYS.replace(
        'attr.type="double"/>', 'attr.type="double"><default>2.5</default>'
        '</key>').replace(
        '<key id="t" for="node" attr.name="type" attr.type="string"/>',
        '<key id="t" for="node" attr.name="type" attr.type="string">'
        '<default>city</default></key>'),
    graph='<graph edgedefault="undirected" parse.nodes="2">'))
write("gm-xinclude-skipped.graphml", gdoc(
    gnode("a", "甲", '<data key="n2"><xi:include '
          'xmlns:xi="http://www.w3.org/2001/XInclude" href="file://@SECRET@" '
          'parse="text"/></data>') + gnode("b", "乙"),
    keys=GKEYS + '  <key id="n2" for="node"/>\n'))
write("gm-yfiles-skipped.graphml", gdoc(
    gnode("a", "甲", '<data key="g"><y:ShapeNode '
          'xmlns:y="http://www.yworks.com/xml/graphml"><y:NodeLabel>甲'
          '</y:NodeLabel></y:ShapeNode></data>') + gnode("b", "乙"),
    keys=GKEYS + '  <key id="g" for="node" yfiles.type="nodegraphics"/>\n'))
write("gm-doctype-file-entity.graphml",
      HEAD + '<!DOCTYPE graphml [\n <!ENTITY x SYSTEM "file://@SECRET@">\n]>\n'
      + gdoc(gnode("a", "&x;"), keys=GKEYS).replace(HEAD, "", 1))
write("gm-doctype-http.graphml",
      HEAD + '<!DOCTYPE graphml SYSTEM "http://127.0.0.1:@PORT@/g.dtd">\n'
      + gdoc(G_OK).replace(HEAD, "", 1))
write("gm-entity-ref.graphml", gdoc(gnode("a", "&lol;")))
write("gm-no-namespace.graphml", HEAD + "<graphml><graph/></graphml>\n")
write("gm-no-namespace-child.graphml", GHEAD + '  <graph xmlns=""/>\n' + GTAIL)
write("gm-hyperedge.graphml", gdoc(
    G_OK + '    <hyperedge><endpoint node="a"/></hyperedge>\n'))
write("gm-port.graphml", gdoc(gnode("a", "甲", '<port name="p"/>')))
write("gm-nested-graph.graphml", gdoc(
    gnode("a", "甲", '<graph edgedefault="directed"/>')))
write("gm-two-graphs.graphml", gdoc(G_OK) .replace(
    GTAIL, '  <graph edgedefault="directed"/>\n' + GTAIL))
write("gm-unknown-key.graphml", gdoc(gnode("a", "甲", '<data key="zz">1</data>')))
write("gm-key-after-graph.graphml", gdoc(G_OK).replace(
    GTAIL, '  <key id="late" for="node" attr.name="late"/>\n' + GTAIL))
write("gm-dup-data.graphml", gdoc(gnode("a", "甲", '<data key="n">乙</data>')))
write("gm-dup-key.graphml", gdoc(G_OK, keys=GKEYS + GKEYS.splitlines(True)[0]))
write("gm-edge-unknown-node.graphml", gdoc(G_OK + gedge("a", "nobody")))
write("gm-bad-type.graphml", gdoc(
    gnode("a", "甲", '<data key="t">Pilot Zone</data>')))
write("gm-reserved-type.graphml", gdoc(
    gnode("a", "甲", '<data key="t">relation</data>')))
write("gm-bad-long.graphml", gdoc(gnode("a", "甲", '<data key="p">abc</data>'),
                                  keys=GKEYS + '  <key id="p" for="node" '
                                  'attr.name="pop" attr.type="long"/>\n'))
write("gm-nan.graphml", gdoc(G_OK + gedge("b", "a", '<data key="w">NaN</data>')))
write("gm-bad-attr-name.graphml", gdoc(G_OK, keys=GKEYS + '  <key id="s" '
                                       'for="node" attr.name="shared name"/>\n'))
write("gm-bad-attr-type.graphml", gdoc(G_OK, keys=GKEYS + '  <key id="s" '
                                       'for="node" attr.name="x" '
                                       'attr.type="complex"/>\n'))
write("gm-source-without-evidence.graphml", gdoc(
    G_OK.replace('<edge source="a" target="b"></edge>',
                 '<edge source="a" target="b"><data key="es">s</data></edge>'),
    keys=GKEYS + '  <key id="es" for="edge" attr.name="source" '
    'zg:field="source"/>\n'))
write("gm-zg-misplaced.graphml", gdoc(
    G_OK.replace('<edge source="a" target="b"></edge>',
                 '<edge source="a" target="b"><data key="zg"><zg:alias>x'
                 '</zg:alias></data></edge>'),
    keys=GKEYS + '  <key id="zg" for="all" attr.name="zonegraph" '
    'zg:field="extension"/>\n'))
write("gm-edge-name-field.graphml", gdoc(
    G_OK.replace('<edge source="a" target="b"></edge>',
                 '<edge source="a" target="b"><data key="nm">x</data></edge>'),
    keys=GKEYS + '  <key id="nm" for="all" attr.name="name" '
    'zg:field="name"/>\n'))
write("gm-wrong-domain.graphml", gdoc(gnode("a", "甲", '<data key="w">1</data>')))
write("gm-text-in-graph.graphml", gdoc("    stray text\n" + G_OK))
write("gm-empty-evidence.graphml", gdoc(
    G_OK.replace('<edge source="a" target="b"></edge>',
                 '<edge source="a" target="b"><data key="ee"> </data></edge>'),
    keys=GKEYS + '  <key id="ee" for="edge" attr.name="evidence" '
    'zg:field="evidence"/>\n'))
write("gm-endpoint-types.graphml", gdoc(
    '    <data key="zg"><zg:nodetype name="u"/>'
    '<zg:relationtype name="q" from="u" to="u"/></data>\n'
    + gnode("a", "甲", '<data key="t">u</data>') + gnode("b", "乙") +
    gedge("a", "b", '<data key="et">q</data>'),
    keys=GKEYS + '  <key id="et" for="edge" attr.name="type"/>\n'
    '  <key id="zg" for="graph" attr.name="zonegraph" '
    'zg:field="extension"/>\n'))
write("gm-deep-foreign.graphml", gdoc(
    gnode("a", "甲", '<data key="g">' + "<y:a xmlns:y=\"urn:y\">" +
          "<y:a>" * 40 + "</y:a>" * 41 + "</data>"),
    keys=GKEYS + '  <key id="g" for="node"/>\n'))
write("gm-dot-hostile.graphml", gdoc(
    gnode('a\\', '甲\\') + gnode('b&quot;', '&quot;]; n9 [label=&quot;x') +
    gnode("{c}", "&lt;b&gt;\\N") + gedge('a\\', 'b&quot;') +
    gedge('b&quot;', "{c}")))

# ---- names libxml2's NCName check refuses (fourth-edition letters) ----
write("g-type-times-sign.xml", doc(OK_BODY).replace(
    '<nodetype name="t" zh="类" en="type"/>',
    '<nodetype name="t" zh="类" en="type"/><nodetype name="a\u00d7"/>'))
write("g-prop-emoji-name.xml", doc(node("a", "甲", "") .replace(
    '/>', '><prop name="p\U0001F600" value="1"/></t>')))
write("gm-type-emoji.graphml", gdoc(
    gnode("a", "甲", '<data key="t">u\U0001F600</data>')))
write("gm-attr-name-times.graphml", gdoc(G_OK, keys=GKEYS + '  <key id="x" '
                                        'for="edge" attr.name="a\u00d7b"/>\n'))

# ---- a label that is exactly U+FEFF (cgraph's reader drops it unquoted) ----
write("d-lone-bom.xml", doc(node("a", "\ufeff") + node("b", "乙", ' en="\ufeff"')
                            + rel("a", "b")))
