//! The board report's charts as SVG text, drawn with `plotters`' SVG
//! backend (no fonts are read: the text is left to the page's fonts).
//!
//! Bar charts only, with nothing resting on colour: with two series the
//! period's bars are filled and the comparison's are outlined; with more,
//! every bar carries its series' short name beside its value. The axis
//! labels are months, quarters, bands and ranks, never names typed by a
//! user, so the SVG holds no user text (the table beside it does).

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// The picture's size in SVG units; the page scales it to the column.
const WIDTH: u32 = 680;
const HEIGHT: u32 = 250;
const FONT: &str = "DejaVu Sans, Arial, sans-serif";
const INK: RGBColor = RGBColor(30, 30, 30);
/// Greys for more than two series, darkest first; the labels tell them apart.
const GREYS: [RGBColor; 6] = [
    RGBColor(40, 40, 40),
    RGBColor(90, 90, 90),
    RGBColor(130, 130, 130),
    RGBColor(165, 165, 165),
    RGBColor(200, 200, 200),
    RGBColor(230, 230, 230),
];

/// One series of bars: its name in the legend, a short tag written on each
/// bar when there are more than two series, and a value per category.
pub struct Series {
    pub name: String,
    pub tag: String,
    pub values: Vec<f64>,
}

/// A bar chart: categories along the bottom, one bar per series in each.
pub struct Bars {
    pub categories: Vec<String>,
    pub series: Vec<Series>,
    /// What the bars measure, up the side (`Episodes`, `% in 72 hours`).
    pub y_name: String,
    /// A dashed line across at this value, named (`Target 90%`).
    pub target: Option<(f64, String)>,
    /// The axis goes to at least this (100 for percentages).
    pub y_floor: f64,
    /// Values are percentages: labelled with one decimal.
    pub percent: bool,
}

/// The chart as one `<svg>` element.
pub fn svg(chart: &Bars) -> Result<String, String> {
    let mut text = String::new();
    {
        let root = SVGBackend::with_string(&mut text, (WIDTH, HEIGHT)).into_drawing_area();
        draw(chart, &root).map_err(|e| format!("drawing a chart: {e}"))?;
        root.present().map_err(|e| format!("drawing a chart: {e}"))?;
    }
    Ok(text)
}

type Failed = Box<dyn std::error::Error>;

fn draw(chart: &Bars, root: &DrawingArea<SVGBackend, Shift>) -> Result<(), Failed> {
    root.fill(&WHITE)?;
    let n = chart.categories.len().max(1);
    let top = chart.series.iter().flat_map(|s| s.values.iter().copied()).fold(0.0_f64, f64::max);
    let target = chart.target.as_ref().map_or(0.0, |(t, _)| *t);
    // Room above the tallest bar for its label.
    let y_max = (top.max(target).max(chart.y_floor).max(1.0) * 1.15).ceil();
    let many = chart.series.len() > 2;
    let rows = legend_places(chart).last().map_or(1, |(_, _, row)| row + 1);
    let mut plot = ChartBuilder::on(root)
        .margin_top(10 + 18 * rows as u32)
        .margin_right(12)
        .margin_left(8)
        .x_label_area_size(24)
        .y_label_area_size(44)
        .build_cartesian_2d(0.0..n as f64, 0.0..y_max)?;
    plot.configure_mesh()
        .disable_x_mesh()
        .x_labels(0)
        .y_labels(6)
        .y_label_formatter(&|v| format!("{v:.0}"))
        .y_max_light_lines(1)
        .y_desc(chart.y_name.as_str())
        .label_style((FONT, 12))
        .axis_desc_style((FONT, 12))
        .light_line_style(RGBColor(225, 225, 225))
        .draw()?;

    let k = chart.series.len().max(1) as f64;
    let gap = 0.15;
    let width = (1.0 - 2.0 * gap) / k;
    let small = TextStyle::from((FONT, 10).into_font()).color(&INK);
    for (s, series) in chart.series.iter().enumerate() {
        let (fill, outline) = look(s, chart.series.len());
        for (i, value) in series.values.iter().enumerate() {
            let x0 = i as f64 + gap + s as f64 * width;
            let x1 = x0 + width * 0.92;
            let corners = [(x0, 0.0), (x1, *value)];
            plot.draw_series(std::iter::once(Rectangle::new(corners, fill.filled())))?;
            plot.draw_series(std::iter::once(Rectangle::new(corners, outline.stroke_width(1))))?;
            // The value (and with many series, whose it is) above the bar;
            // with two series over a long run the labels would overlap, and
            // filled against outlined still tells the bars apart.
            if !many && chart.categories.len() * chart.series.len() > 36 {
                continue;
            }
            // The value (and with many series, whose it is) above the bar.
            let label = match (many, chart.percent) {
                (true, true) => format!("{} {value:.0}", series.tag),
                (true, false) => format!("{} {value:.0}", series.tag),
                (false, true) => format!("{value:.1}"),
                (false, false) => format!("{value:.0}"),
            };
            let (px, py) = plot.backend_coord(&((x0 + x1) / 2.0, *value));
            if many {
                let style = small.transform(FontTransform::Rotate270).pos(Pos::new(HPos::Left, VPos::Center));
                root.draw(&Text::new(label, (px, py - 3), style))?;
            } else {
                let style = small.pos(Pos::new(HPos::Center, VPos::Bottom));
                root.draw(&Text::new(label, (px, py - 2), style))?;
            }
        }
    }

    // Category names under their group.
    let under = TextStyle::from((FONT, 12).into_font()).color(&INK).pos(Pos::new(HPos::Center, VPos::Top));
    // Past a dozen (a long run of days, by month), every k-th, so none overlap.
    let every = chart.categories.len().div_ceil(12).max(1);
    for (i, name) in chart.categories.iter().enumerate().step_by(every) {
        let (px, py) = plot.backend_coord(&(i as f64 + 0.5, 0.0));
        root.draw(&Text::new(name.clone(), (px, py + 5), under.clone()))?;
    }

    if let Some((value, name)) = &chart.target {
        let line = [(0.0, *value), (n as f64, *value)];
        plot.draw_series(DashedLineSeries::new(line, 8, 5, INK.stroke_width(2)))?;
        let (px, py) = plot.backend_coord(&(n as f64, *value));
        let style = TextStyle::from((FONT, 11).into_font()).color(&INK).pos(Pos::new(HPos::Right, VPos::Bottom));
        root.draw(&Text::new(name.clone(), (px - 2, py - 3), style))?;
    }

    legend(chart, root)?;
    Ok(())
}

/// A swatch and name per series across the top, in rows that fit.
fn legend(chart: &Bars, root: &DrawingArea<SVGBackend, Shift>) -> Result<(), Failed> {
    let style = TextStyle::from((FONT, 12).into_font()).color(&INK).pos(Pos::new(HPos::Left, VPos::Center));
    for (s, x, row) in legend_places(chart) {
        let (fill, outline) = look(s, chart.series.len());
        let y = 6 + 18 * row;
        let corners = [(x, y), (x + 14, y + 12)];
        root.draw(&Rectangle::new(corners, fill.filled()))?;
        root.draw(&Rectangle::new(corners, outline.stroke_width(1)))?;
        root.draw(&Text::new(legend_name(chart, s), (x + 18, y + 6), style.clone()))?;
    }
    Ok(())
}

/// `CIN = Child in need` with many series, else the series' name.
fn legend_name(chart: &Bars, s: usize) -> String {
    let series = &chart.series[s];
    if chart.series.len() > 2 { format!("{} = {}", series.tag, series.name) } else { series.name.clone() }
}

/// Where each series' legend entry goes: (series, x, row).
fn legend_places(chart: &Bars) -> Vec<(usize, i32, i32)> {
    let mut places = Vec::with_capacity(chart.series.len());
    let (mut x, mut row) = (50, 0);
    for s in 0..chart.series.len() {
        // Roughly 7 units a character at this size, with room for the swatch.
        let advance = 30 + 7 * legend_name(chart, s).chars().count() as i32;
        if x > 50 && x + advance > WIDTH as i32 - 10 {
            (x, row) = (50, row + 1);
        }
        places.push((s, x, row));
        x += advance;
    }
    places
}

/// The fill and outline of series `s` of `count`.
fn look(s: usize, count: usize) -> (RGBColor, RGBColor) {
    match (count, s) {
        (..=2, 0) => (INK, INK),
        (..=2, _) => (WHITE, INK),
        (_, s) => (GREYS[s % GREYS.len()], INK),
    }
}
