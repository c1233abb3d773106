//! Data text on the screen: lines built from the data (a detail pane, a
//! child's header) are shown through [`visible`], as the lists' cells are,
//! so a name with a newline or a bidi override reads the same everywhere.

use crate::domain::visible::visible;
use ratatui::text::{Line, Span};

/// `lines` with every span's text through [`visible`]; labels are untouched.
pub fn visible_lines<'a>(lines: Vec<Line<'a>>) -> Vec<Line<'a>> {
    lines
        .into_iter()
        .map(|line| {
            let spans: Vec<Span<'a>> = line
                .spans
                .into_iter()
                .map(|span| match visible(&span.content) {
                    std::borrow::Cow::Borrowed(_) => span,
                    std::borrow::Cow::Owned(text) => Span::styled(text, span.style),
                })
                .collect();
            Line { spans, ..line }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_span_is_shown_and_keeps_its_style() {
        let bold = ratatui::style::Style::new().bold();
        let lines = visible_lines(vec![Line::from(vec![Span::styled("New\nLine", bold), Span::raw(" T001")])]);
        assert_eq!(lines[0].spans[0], Span::styled("New\\nLine", bold));
        assert_eq!(lines[0].spans[1], Span::raw(" T001"));
    }
}
