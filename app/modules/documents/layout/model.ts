// The document model of the layout engine: what a template builds, what renderDocument draws.
// Pure data, no words of any language: every string comes from the template that builds the model.
// Lengths are in PDF points (1 pt = 1/72 in) unless a field says mm.

export type Align = 'left' | 'center' | 'right' | 'justify'

/** One of the four faces of the document font. */
export type Face = 'regular' | 'bold' | 'italic' | 'boldItalic'

/** A piece of text in one style. '\n' inside a run breaks the line. */
export interface Run {
  text: string
  bold?: boolean
  italic?: boolean
}

/** Text as a plain string (the style of its container) or as styled runs. */
export type Text = string | Run[]

/**
 * A rule (horizontal line) under a line of text, centred on it: 'text' is as long as the text above it;
 * a number is a fraction of that text's width (Decree 30: the short rule under the issuing body and under the
 * subject is 1/3 to 1/2 of the line); { mm } a fixed length.
 */
export type Rule = 'text' | number | { mm: number }

export interface TextStyle {
  /** Font size in pt (default: the document's). */
  size?: number
  bold?: boolean
  italic?: boolean
  /** Line height as a multiple of the font size (default: the document's). */
  lineHeight?: number
  /**
   * Balance the lines of a wrapped heading: the narrowest width that keeps the same number of lines, so
   * that a centred title breaks into lines of similar length instead of a full line and a short one.
   */
  balance?: boolean
}

export interface Paragraph extends TextStyle {
  kind: 'paragraph'
  text: Text
  align?: Align
  /** First-line indent in pt. */
  indent?: number
  /** Space before and after, in pt (the space before is dropped at the top of a page). */
  before?: number
  after?: number
  /** A rule under the paragraph's last line, centred on the paragraph. */
  rule?: Rule
  /** Keep on the same page as the next block (titles, headings). */
  keepWithNext?: boolean
}

/** One line of a header column; long text wraps within the column, each line centred. */
export interface HeaderLine extends TextStyle {
  text: Text
  rule?: Rule
}

/** The two-column heading of an official document, no borders: each column's lines centred in it. */
export interface HeaderFrame {
  kind: 'header'
  left: HeaderLine[]
  right: HeaderLine[]
  /** Width of the left column as a fraction of the text width (default 0.4). */
  leftWidth?: number
  after?: number
}

/**
 * The number and the place-and-date, on one baseline, each centred in the column of the header above it
 * (same leftWidth as the header).
 */
export interface NumberDateLine {
  kind: 'numberDate'
  left: HeaderLine
  right: HeaderLine
  leftWidth?: number
  after?: number
}

/** A column width: a share of what the fixed columns leave ({ fr }), or a fixed width in mm. */
export type ColumnWidth = { fr: number } | { mm: number }

export interface Column {
  width: ColumnWidth
  align?: Align
}

export interface CellObject extends TextStyle {
  text: Text
  align?: Align
  /** The cell spans this many columns (default 1). */
  span?: number
}
export type Cell = string | CellObject

export interface Table {
  kind: 'table'
  columns: Column[]
  /** Header rows, repeated at the top of every page the table runs onto; bold by default. */
  header?: Cell[][]
  rows: Cell[][]
  /** Font size of the cells (default: the document's). */
  size?: number
  lineHeight?: number
  /** Inner padding of a cell in pt (default 3). */
  padding?: number
  /** Draw the grid (default true). */
  borders?: boolean
  before?: number
  after?: number
}

/**
 * The foot of an official document: on the left the recipients (a heading and one line each), on the right the
 * authority lines, blank space for the signature and seal, then the signer's name.
 */
export interface SignatureBlock {
  kind: 'signature'
  recipientsTitle?: HeaderLine
  recipients: HeaderLine[]
  authority: HeaderLine[]
  /** The blank space for the signature and seal, in mm (default 25). */
  signSpaceMm?: number
  signer: HeaderLine
  /**
   * A second signer in the left column instead of recipients (minutes: the secretary on the left, the chair
   * on the right), drawn like the right one, centred in its column.
   */
  leftSigner?: { authority: HeaderLine[]; signer: HeaderLine }
  /** Width of the left column as a fraction of the text width (default 0.45). */
  leftWidth?: number
  before?: number
}

export interface PageBreak {
  kind: 'pageBreak'
  /** The next page starts a part that numbers its own pages, e.g. an appendix (Decree 30: each appendix its own). */
  restartNumbering?: boolean
}

export interface Spacer {
  kind: 'spacer'
  /** Height in pt. */
  height: number
}

export type Block = Paragraph | HeaderFrame | NumberDateLine | Table | SignatureBlock | PageBreak | Spacer

export interface Margins {
  top: number
  bottom: number
  left: number
  right: number
}

export interface DocumentModel {
  blocks: Block[]
  /** Page margins in mm (default: DECREE_30_MARGINS_MM). */
  marginsMm?: Margins
  /** Default font size and line height of the text. */
  size?: number
  lineHeight?: number
  /** Page numbers centred in the top margin from page 2 on (default true), at this size (default 13). */
  pageNumbers?: boolean
  pageNumberSize?: number
  /** Document information (title, author…) and the language tag, e.g. 'vi-VN'. */
  info?: { title?: string; author?: string; subject?: string; creator?: string; language?: string }
  /**
   * Where anyone can check the issued document: a QR code of `url` and the line `text` (e.g. "Tra cứu: …"),
   * small, in the bottom margin of page 1. Drawn in the margin: nothing else moves.
   */
  verification?: { url: string; text: string }
}

/**
 * The empty space of a signature block where the signature image goes, in PDF points (origin bottom left of the
 * page, y the bottom edge), page index 0-based. The signing module places its visible signatures there.
 */
export interface SignatureSpace {
  page: number
  x: number
  y: number
  width: number
  height: number
}

/** A4 portrait in points. */
export const A4 = { width: 595.28, height: 841.89 } as const

/**
 * Margins of Decree 30/2020/NĐ-CP (Appendix I): top 20–25 mm, bottom 20–25 mm, left 30–35 mm, right 15–20 mm.
 * The engine uses the smallest of each range, the most room for text within the rule.
 */
export const DECREE_30_MARGINS_MM: Margins = { top: 20, bottom: 20, left: 30, right: 15 }

export const MM = 72 / 25.4
