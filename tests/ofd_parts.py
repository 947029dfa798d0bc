"""OFD files built from the standard's structure (GB/T 33190): OFD.xml ->
Doc_0/Document.xml -> Doc_0/Pages/Page_N/Content.xml with TextObject/TextCode."""
import io
import zipfile

OFD_NS = "http://www.ofdspec.org/2016"
LINE_MM = 7.0  # baseline to baseline
FONT_MM = 4.2  # 12 pt
LEFT_MM = 25.0
INDENT_MM = 2 * FONT_MM


def ofd_package(title: str, pages: list[list[tuple[bool, str]]], content_prologue: str = "") -> bytes:
    """`pages`: lines of (indented, text) per page; each line is one TextObject.

    `content_prologue` goes before each Content.xml's root (to plant a DTD)."""
    document_pages = "".join(f'<ofd:Page ID="{i + 10}" BaseLoc="Pages/Page_{i}/Content.xml"/>'
                             for i in range(len(pages)))
    parts = {
        "OFD.xml": f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="{OFD_NS}" Version="1.0" '
                   f'DocType="OFD"><ofd:DocBody><ofd:DocInfo><ofd:DocID>d1</ofd:DocID><ofd:Title>{title}</ofd:Title>'
                   '</ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>',
        "Doc_0/Document.xml": f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="{OFD_NS}">'
                              '<ofd:CommonData><ofd:MaxUnitID>999</ofd:MaxUnitID><ofd:PageArea>'
                              '<ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea></ofd:CommonData>'
                              f'<ofd:Pages>{document_pages}</ofd:Pages></ofd:Document>',
    }
    for number, lines in enumerate(pages):
        # Written bottom line first: reading order must come from the positions.
        objects = "".join(
            f'<ofd:TextObject ID="{100 + i}" Boundary="{LEFT_MM + (INDENT_MM if indented else 0)} '
            f'{30 + i * LINE_MM} 160 {LINE_MM}" Font="1" Size="{FONT_MM}">'
            f'<ofd:TextCode X="0" Y="{FONT_MM}">{text}</ofd:TextCode></ofd:TextObject>'
            for i, (indented, text) in reversed(list(enumerate(lines))))
        parts[f"Doc_0/Pages/Page_{number}/Content.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8"?>{content_prologue}<ofd:Page xmlns:ofd="{OFD_NS}">'
            f'<ofd:Content><ofd:Layer ID="2">{objects}</ofd:Layer></ofd:Content></ofd:Page>')
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, body in parts.items():
            archive.writestr(name, body.encode("utf-8"))
    return out.getvalue()
