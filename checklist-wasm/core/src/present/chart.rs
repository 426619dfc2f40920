//! The geometry of the section chart: one horizontal bar per section and vendor, grouped by
//! section, in a fixed coordinate system that the SVG scales. Colours are CSS classes (the
//! page's CSP forbids inline styles); every bar is labelled with its vendor and its value,
//! and the section table next to it is the chart's text alternative.

use super::results::ComparisonView;

/// Width of the chart's coordinate system.
pub const WIDTH: f64 = 640.0;
/// Where the bars start, right of the vendor names.
pub const BAR_X: f64 = 200.0;
/// The length of a bar at 100 %.
pub const BAR_MAX: f64 = 340.0;
/// Height of one bar row.
pub const ROW: f64 = 22.0;
/// Height of a section's title row.
pub const TITLE: f64 = 28.0;
/// Longest vendor name drawn in full; longer ones are cut with an ellipsis.
pub const NAME_CHARS: usize = 24;

/// A piece of text in the chart.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartText {
    /// Left edge (or right edge for `end`-anchored text).
    pub x: f64,
    /// Baseline.
    pub y: f64,
    /// CSS class.
    pub class: &'static str,
    /// The text.
    pub text: String,
}

/// A bar in the chart.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartBar {
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Length.
    pub width: f64,
    /// Thickness.
    pub height: f64,
    /// CSS class: the verdict's tone, or `excluded`.
    pub class: &'static str,
}

/// The whole chart: its height, texts and bars.
#[derive(Clone, Debug, PartialEq)]
pub struct Chart {
    /// Height of the coordinate system.
    pub height: f64,
    /// Section titles, vendor names and values.
    pub texts: Vec<ChartText>,
    /// The track behind each bar (the 100 % mark).
    pub tracks: Vec<ChartBar>,
    /// The bars.
    pub bars: Vec<ChartBar>,
}

/// Cuts a name to `NAME_CHARS` characters, with an ellipsis when cut.
pub fn short_name(name: &str) -> String {
    if name.chars().count() <= NAME_CHARS {
        return name.to_owned();
    }
    let cut: String = name.chars().take(NAME_CHARS - 1).collect();
    format!("{}…", cut.trim_end())
}

/// Lays out the chart of a comparison.
pub fn chart(view: &ComparisonView) -> Chart {
    let mut chart = Chart {
        height: 0.0,
        texts: Vec::new(),
        tracks: Vec::new(),
        bars: Vec::new(),
    };
    let mut y = 0.0;
    for (index, (_, title)) in view.sections.iter().enumerate() {
        chart.texts.push(ChartText {
            x: 0.0,
            y: y + 20.0,
            class: "cl-chart-section",
            text: title.clone(),
        });
        y += TITLE;
        for vendor in &view.vendors {
            let Some(section) = vendor.sections.get(index) else {
                continue;
            };
            chart.texts.push(ChartText {
                x: BAR_X - 8.0,
                y: y + 15.0,
                class: "cl-chart-name",
                text: short_name(&vendor.name),
            });
            chart.tracks.push(ChartBar {
                x: BAR_X,
                y: y + 3.0,
                width: BAR_MAX,
                height: ROW - 6.0,
                class: "cl-chart-track",
            });
            let value = section.score.unwrap_or(0.0).clamp(0.0, 100.0);
            chart.bars.push(ChartBar {
                x: BAR_X,
                y: y + 3.0,
                width: (value / 100.0 * BAR_MAX * 10.0).round() / 10.0,
                height: ROW - 6.0,
                class: if vendor.verdict.counts {
                    vendor.verdict.tone.bar_class()
                } else {
                    "cl-chart-bar-excluded"
                },
            });
            let text = section.percent.clone();
            chart.texts.push(ChartText {
                x: BAR_X + BAR_MAX + 8.0,
                y: y + 15.0,
                class: "cl-chart-value",
                text,
            });
            y += ROW;
        }
        y += 6.0;
    }
    chart.height = y;
    chart
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_names_are_cut_with_an_ellipsis() {
        assert_eq!(short_name("Acme"), "Acme");
        assert_eq!(short_name(&"x".repeat(24)), "x".repeat(24));
        let cut = short_name(&"y".repeat(200));
        assert_eq!(cut.chars().count(), 24);
        assert!(cut.ends_with('…'));
    }
}
