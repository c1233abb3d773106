//! Styles. Nothing relies on colour alone: overdue rows are bold and marked,
//! the selection is reversed with a pointer; `NO_COLOR` turns colour off.

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    /// Colour unless `NO_COLOR` is set to anything non-empty (no-color.org).
    pub fn from_env() -> Self {
        Theme { color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) }
    }

    pub fn plain() -> Self {
        Theme { color: false }
    }

    fn fg(&self, style: Style, color: Color) -> Style {
        if self.color { style.fg(color) } else { style }
    }

    pub fn title(&self) -> Style {
        self.fg(Style::new().add_modifier(Modifier::BOLD), Color::Cyan)
    }
    pub fn tab_active(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD | Modifier::REVERSED)
    }
    pub fn header(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }
    pub fn selected(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }
    /// Overdue and late: bold, and red where colour is on.
    pub fn urgent(&self) -> Style {
        self.fg(Style::new().add_modifier(Modifier::BOLD), Color::Red)
    }
    /// Due within 24 hours, due soon.
    pub fn soon(&self) -> Style {
        self.fg(Style::new(), Color::Yellow)
    }
    pub fn dim(&self) -> Style {
        if self.color { Style::new().fg(Color::DarkGray) } else { Style::new() }
    }
    pub fn key(&self) -> Style {
        self.fg(Style::new().add_modifier(Modifier::BOLD), Color::Cyan)
    }
    pub fn status(&self) -> Style {
        self.fg(Style::new().add_modifier(Modifier::ITALIC), Color::Green)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_colour_urgency_still_shows_by_weight_and_selection_by_reversal() {
        let plain = Theme::plain();
        assert_eq!(plain.urgent().fg, None);
        assert!(plain.urgent().add_modifier.contains(Modifier::BOLD));
        assert!(plain.selected().add_modifier.contains(Modifier::REVERSED));
        assert_eq!(plain.soon(), Style::new());
        assert_eq!(Theme { color: true }.urgent().fg, Some(Color::Red));
    }
}
