"""WordprocessingML children in the order the ECMA-376 schema fixes, and drawing ids unique.

Templates edited in Word, docxtpl and the code that sets indents, borders and widths
(pipeline.render, tools/build_templates.py) may append a property where the schema does not
allow it (`w:jc` after `w:tblLayout` in `w:tblPr`, `w:pgNumType` after `w:docGrid` in
`w:sectPr`, `w:pBdr` after `w:jc` in a style). LibreOffice does not mind; Word repairs such a
file, and Word for the web opens it read-only. `schema_order` puts the children of every
property container back in schema order, and `unique_drawing_ids` renumbers `wp:docPr` ids
that repeat (a template's loop copies one frame onto every page).

`SEQUENCES` is the order of each container's children as wml.xsd lists them (its base
types first, groups expanded); tests/test_ooxml.py reads the schema and checks every table
against it. A child the table does not know (another namespace, a later edition's element)
stays right after the child it followed. The result depends only on the input: the same
document gives the same bytes.
"""

from __future__ import annotations

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"

# container's local name -> (its complex type in wml.xsd, its children in schema order)
SEQUENCES = {
    "pPr": (
        "CT_PPr",
        """
        pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr
        suppressLineNumbers pBdr shd tabs suppressAutoHyphens kinsoku wordWrap
        overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi adjustRightInd
        snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc
        textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle rPr
        sectPr pPrChange
    """,
    ),
    "rPr": (
        "CT_ParaRPr",
        """
        ins del moveFrom moveTo rStyle rFonts b bCs i iCs caps smallCaps strike dstrike
        outline shadow emboss imprint noProof snapToGrid vanish webHidden color spacing
        w kern position sz szCs highlight u effect bdr shd fitText vertAlign rtl cs em
        lang eastAsianLayout specVanish oMath rPrChange
    """,
    ),
    "tblPr": (
        "CT_TblPr",
        """
        tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize
        tblW jc tblCellSpacing tblInd tblBorders shd tblLayout tblCellMar tblLook
        tblCaption tblDescription tblPrChange
    """,
    ),
    "sectPr": (
        "CT_SectPr",
        """
        headerReference footerReference footnotePr endnotePr type pgSz pgMar paperSrc
        pgBorders lnNumType pgNumType cols formProt vAlign noEndnote titlePg
        textDirection bidi rtlGutter docGrid printerSettings sectPrChange
    """,
    ),
    "tcPr": (
        "CT_TcPr",
        """
        cnfStyle tcW gridSpan hMerge vMerge tcBorders shd noWrap tcMar textDirection
        tcFitText vAlign hideMark headers cellIns cellDel cellMerge tcPrChange
    """,
    ),
    "trPr": (
        "CT_TrPr",
        """
        cnfStyle divId gridBefore gridAfter wBefore wAfter cantSplit trHeight tblHeader
        tblCellSpacing jc hidden ins del trPrChange
    """,
    ),
    "tblPrEx": (
        "CT_TblPrEx",
        """
        tblW jc tblCellSpacing tblInd tblBorders shd tblLayout tblCellMar tblLook
        tblPrExChange
    """,
    ),
    "pBdr": (
        "CT_PBdr",
        """
        top left bottom right between bar
    """,
    ),
    "tblBorders": (
        "CT_TblBorders",
        """
        top start left bottom end right insideH insideV
    """,
    ),
    "tcBorders": (
        "CT_TcBorders",
        """
        top start left bottom end right insideH insideV tl2br tr2bl
    """,
    ),
    "tblCellMar": (
        "CT_TblCellMar",
        """
        top start left bottom end right
    """,
    ),
    "tcMar": (
        "CT_TcMar",
        """
        top start left bottom end right
    """,
    ),
    "style": (
        "CT_Style",
        """
        name aliases basedOn next link autoRedefine hidden uiPriority semiHidden
        unhideWhenUsed qFormat locked personal personalCompose personalReply rsid pPr
        rPr tblPr trPr tcPr tblStylePr
    """,
    ),
    "styles": (
        "CT_Styles",
        """
        docDefaults latentStyles style
    """,
    ),
    "docDefaults": (
        "CT_DocDefaults",
        """
        rPrDefault pPrDefault
    """,
    ),
    "lvl": (
        "CT_Lvl",
        """
        start numFmt lvlRestart pStyle isLgl suff lvlText lvlPicBulletId legacy lvlJc
        pPr rPr
    """,
    ),
    "abstractNum": (
        "CT_AbstractNum",
        """
        nsid multiLevelType tmpl name styleLink numStyleLink lvl
    """,
    ),
    "num": (
        "CT_Num",
        """
        abstractNumId lvlOverride
    """,
    ),
    "numbering": (
        "CT_Numbering",
        """
        numPicBullet abstractNum num numIdMacAtCleanup
    """,
    ),
    "font": (
        "CT_Font",
        """
        altName panose1 charset family notTrueType pitch sig embedRegular embedBold
        embedItalic embedBoldItalic
    """,
    ),
    "settings": (
        "CT_Settings",
        """
        writeProtection view zoom removePersonalInformation removeDateAndTime
        doNotDisplayPageBoundaries displayBackgroundShape printPostScriptOverText
        printFractionalCharacterWidth printFormsData embedTrueTypeFonts embedSystemFonts
        saveSubsetFonts saveFormsData mirrorMargins alignBordersAndEdges
        bordersDoNotSurroundHeader bordersDoNotSurroundFooter gutterAtTop
        hideSpellingErrors hideGrammaticalErrors activeWritingStyle proofState
        formsDesign attachedTemplate linkStyles stylePaneFormatFilter
        stylePaneSortMethod documentType mailMerge revisionView trackRevisions
        doNotTrackMoves doNotTrackFormatting documentProtection autoFormatOverride
        styleLockTheme styleLockQFSet defaultTabStop autoHyphenation
        consecutiveHyphenLimit hyphenationZone doNotHyphenateCaps showEnvelope
        summaryLength clickAndTypeStyle defaultTableStyle evenAndOddHeaders
        bookFoldRevPrinting bookFoldPrinting bookFoldPrintingSheets
        drawingGridHorizontalSpacing drawingGridVerticalSpacing
        displayHorizontalDrawingGridEvery displayVerticalDrawingGridEvery
        doNotUseMarginsForDrawingGridOrigin drawingGridHorizontalOrigin
        drawingGridVerticalOrigin doNotShadeFormData noPunctuationKerning
        characterSpacingControl printTwoOnOne strictFirstAndLastChars noLineBreaksAfter
        noLineBreaksBefore savePreviewPicture doNotValidateAgainstSchema saveInvalidXml
        ignoreMixedContent alwaysShowPlaceholderText doNotDemarcateInvalidXml
        saveXmlDataOnly useXSLTWhenSaving saveThroughXslt showXMLTags
        alwaysMergeEmptyNamespace updateFields hdrShapeDefaults footnotePr endnotePr
        compat docVars rsids mathPr attachedSchema themeFontLang clrSchemeMapping
        doNotIncludeSubdocsInStats doNotAutoCompressPictures forceUpgrade captions
        readModeInkLockDown smartTagType schemaLibrary shapeDefaults doNotEmbedSmartTags
        decimalSymbol listSeparator
    """,
    ),
}
ORDER = {
    f"{{{W}}}{name}": {f"{{{W}}}{child}": rank for rank, child in enumerate(text.split())}
    for name, (_, text) in SEQUENCES.items()
}


def _sort_children(parent, ranks: dict[str, int]) -> bool:
    """Stable sort of parent's children by rank; unknown children (comments, other
    namespaces) keep to the child before them. Whether anything moved."""
    children = list(parent)
    keyed, rank = [], -1
    for position, child in enumerate(children):
        rank = ranks.get(child.tag, rank) if isinstance(child.tag, str) else rank
        keyed.append((rank, position, child))
    ordered = [child for _, _, child in sorted(keyed, key=lambda k: (k[0], k[1]))]
    if ordered == children:
        return False
    for child in children:
        parent.remove(child)
    parent.extend(ordered)
    return True


def schema_order(root) -> bool:
    """Put the children of every property container under `root` in schema order (in
    place); whether anything moved."""
    moved = False
    for element in root.iter(*ORDER):
        if len(element) > 1:
            moved |= _sort_children(element, ORDER[element.tag])
    return moved


def unique_drawing_ids(root) -> bool:
    """Give each repeated `wp:docPr` id a new one above every id in use (in place, in
    document order: the same document gives the same ids); whether anything changed."""
    frames = list(root.iter(f"{{{WP}}}docPr"))
    used = {frame.get("id") for frame in frames}
    following = max((int(i) for i in used if i and i.isdigit()), default=0) + 1
    seen, changed = set(), False
    for frame in frames:
        if frame.get("id") in seen:
            frame.set("id", str(following))
            following += 1
            changed = True
        seen.add(frame.get("id"))
    return changed


def tidy(root) -> None:
    """Everything Word needs of a WordprocessingML part's markup, in place."""
    schema_order(root)
    unique_drawing_ids(root)


def tidy_part(data: bytes) -> bytes:
    """A serialised part, tidied; the same bytes when nothing needed to change."""
    root = etree.fromstring(data)
    if not (schema_order(root) | unique_drawing_ids(root)):
        return data
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
