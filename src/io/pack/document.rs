//! The pack as a document: headings, paragraphs, labelled facts and tables
//! of text, with no markup. Both renderers lay out this one structure, so the
//! Markdown and the HTML always hold the same words.

use super::{Pack, child, front};

/// A piece of text and how it is set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Run {
    Plain(String),
    /// Urgent words (OVERDUE, STILL MISSING): bold, and already in capitals.
    Strong(String),
    /// Figures that line up character by character (the sparkline).
    Mono(String),
    /// A line break inside a cell or paragraph.
    Break,
}

/// Text made of runs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Text(pub Vec<Run>);

impl Text {
    pub fn plain(text: impl Into<String>) -> Text {
        Text(vec![Run::Plain(text.into())])
    }

    pub fn strong(text: impl Into<String>) -> Text {
        Text(vec![Run::Strong(text.into())])
    }

    pub fn mono(text: impl Into<String>) -> Text {
        Text(vec![Run::Mono(text.into())])
    }

    /// This text followed by `more`.
    pub fn then(mut self, more: Text) -> Text {
        self.0.extend(more.0);
        self
    }

    /// This text followed by a line break.
    pub fn line(mut self) -> Text {
        self.0.push(Run::Break);
        self
    }

    /// The words alone, a break read as a space: for tests and titles.
    pub fn words(&self) -> String {
        self.0
            .iter()
            .map(|r| match r {
                Run::Plain(t) | Run::Strong(t) | Run::Mono(t) => t.as_str(),
                Run::Break => " ",
            })
            .collect()
    }
}

impl From<String> for Text {
    fn from(text: String) -> Text {
        Text::plain(text)
    }
}

impl From<&str> for Text {
    fn from(text: &str) -> Text {
        Text::plain(text)
    }
}

/// A table column: its heading, its share of the page width (percent) and
/// whether it holds numbers (set right-aligned).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub header: String,
    pub width: u8,
    pub numeric: bool,
}

impl Column {
    pub fn text(header: impl Into<String>, width: u8) -> Column {
        Column { header: header.into(), width, numeric: false }
    }

    pub fn number(header: impl Into<String>, width: u8) -> Column {
        Column { header: header.into(), width, numeric: true }
    }
}

/// How wide a table's content runs, so the print style can set it smaller.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Density {
    Normal,
    /// Many columns: a smaller type on paper so it fits the A4 width.
    Wide,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Text>>,
    pub density: Density,
    /// Said instead of the table when it has no rows.
    pub empty: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Heading {
        level: u8,
        text: Text,
    },
    Para(Text),
    /// Labelled values: `Lead professional: Lee Lead, North CiC`.
    Facts(Vec<(String, Text)>),
    Table(Table),
    /// A chart for the HTML page: an SVG picture drawn by our own code from
    /// figures (never from names), with its title; Markdown leaves it out, as
    /// the table of its numbers beside it says the same.
    Chart(Chart),
    /// One child's section. Its `head` (heading and details) is kept together
    /// on one page; the `body` may run on.
    Child {
        head: Vec<Block>,
        body: Vec<Block>,
    },
}

/// A drawn chart: its title (read out by screen readers, escaped when
/// written) and its SVG, which [`crate::io::report_doc`]'s charts make.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chart {
    pub title: String,
    /// A whole `<svg>` element with no `<title>` yet: the writer adds it.
    pub svg: String,
}

impl Block {
    pub fn heading(level: u8, text: impl Into<Text>) -> Block {
        Block::Heading { level, text: text.into() }
    }

    pub fn para(text: impl Into<Text>) -> Block {
        Block::Para(text.into())
    }
}

/// The whole pack.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// `MPMG pack — October 2026`.
    pub title: String,
    pub blocks: Vec<Block>,
}

/// The pack in words, in reading order: the front page (who, when, the
/// meeting, the summary), the month's lists, then one section per child.
pub fn document(pack: &Pack) -> Document {
    let title = format!("MPMG pack — {}", pack.month().long_name());
    let mut blocks = vec![Block::heading(1, title.as_str())];
    blocks.extend(front::front(pack));
    blocks.extend(front::lists(pack));
    blocks.extend(child::sections(pack));
    Document { title, blocks }
}
