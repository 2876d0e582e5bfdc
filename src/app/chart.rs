//! Stacked hormone panels sharing one time axis, on a canvas drawn by plotters. Crisp on HiDPI screens:
//! the backing store is the CSS size times devicePixelRatio, and fonts, margins and strokes are scaled
//! by the same factor (plotters-canvas has no notion of device pixels).

use super::canvas_backend::MeasuredCanvas;
use crate::model::analyses::population::Bands;
use crate::model::lang;
use crate::model::{Output, Trajectory, Units};
use leptos::html::Canvas;
use leptos::prelude::*;
use plotters::prelude::*;
use std::sync::Arc;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

/// The panels, top to bottom, and their colours.
pub const MAIN: [Output; 6] = [Output::Gnrh, Output::Lh, Output::Fsh, Output::TotalT, Output::FreeT, Output::E2];
pub const MORE: [Output; 3] = [Output::Itt, Output::InhibinB, Output::Sperm];

fn color(o: Output) -> RGBColor {
    match o {
        Output::Gnrh => RGBColor(0x6a, 0x3d, 0x9a),
        Output::Lh => RGBColor(0x1f, 0x5f, 0xa8),
        Output::Fsh => RGBColor(0x1b, 0x8a, 0x8f),
        Output::TotalT => RGBColor(0xb4, 0x3c, 0x1e),
        Output::FreeT => RGBColor(0xd0, 0x6a, 0x1a),
        Output::E2 => RGBColor(0xb0, 0x2a, 0x6e),
        Output::Itt => RGBColor(0x7a, 0x4a, 0x1e),
        Output::InhibinB => RGBColor(0x3d, 0x7a, 0x2a),
        _ => RGBColor(0x33, 0x55, 0x33),
    }
}

/// CSS height of one panel, px.
pub const PANEL_CSS_PX: f64 = 150.0;
/// The least height a panel gets in a frame it fills: its title, four y ticks and a curve stay apart.
const MIN_PANEL_CSS_PX: f64 = 64.0;
/// The time axis's labels under the last panel.
const X_AXIS_CSS_PX: f64 = 34.0;
/// Where the plotting area starts and ends inside the canvas, CSS px (margins plus the y labels).
const PLOT_LEFT_CSS_PX: f64 = 58.0;
const PLOT_RIGHT_CSS_PX: f64 = 14.0;

/// What the chart draws.
#[derive(Clone, PartialEq)]
pub struct ChartData {
    /// Shared with the rest of the page: a change of units or theme redraws without copying it.
    pub trajectory: Arc<Trajectory>,
    pub panels: Vec<Output>,
    pub units: Units,
    /// Dose times of every regimen line, days.
    pub doses: Vec<f64>,
    /// Time axis in days (a zoomed window) rather than weeks.
    pub days_axis: bool,
    /// Draw for a dark page.
    pub dark: bool,
    /// Lab draw days, marked with dotted lines.
    pub draws: Vec<f64>,
    /// The 10-90 % band of men like this one, drawn behind each curve.
    pub bands: Option<Arc<Bands>>,
    /// Where the keyboard cursor starts when none is set: the day the page's readings default to.
    pub resting_day: f64,
    /// Plan B, drawn dashed in each curve's colour.
    pub compared: Option<Arc<Trajectory>>,
    /// The person's measured labs: (output, day, internal value), drawn as rings.
    pub measured: Vec<(Output, f64, f64)>,
    /// A story's prediction not answered yet: the curves are drawn only up to this day.
    pub hidden_after: Option<f64>,
}

impl ChartData {
    /// Days per unit of the time axis.
    fn per_unit(&self) -> f64 {
        if self.days_axis {
            1.0
        } else {
            7.0
        }
    }

    /// The day under a CSS x position on a canvas `width` CSS px wide.
    pub fn day_at(&self, x: f64, width: f64) -> Option<f64> {
        let d = &self.trajectory.days;
        let (first, last) = (*d.first()?, *d.last()?);
        let w = (width - PLOT_LEFT_CSS_PX - PLOT_RIGHT_CSS_PX).max(1.0);
        let f = ((x - PLOT_LEFT_CSS_PX) / w).clamp(0.0, 1.0);
        Some(first + f * (last - first))
    }

    /// The CSS x position of a day.
    pub fn x_of(&self, day: f64, width: f64) -> Option<f64> {
        let d = &self.trajectory.days;
        let (first, last) = (*d.first()?, *d.last()?);
        if last <= first || day < first || day > last {
            return None;
        }
        let w = (width - PLOT_LEFT_CSS_PX - PLOT_RIGHT_CSS_PX).max(1.0);
        Some(PLOT_LEFT_CSS_PX + (day - first) / (last - first) * w)
    }
}

/// The chart. Redraws when the data or the element's size changes.
#[component]
pub fn Chart(
    /// What to draw.
    #[prop(into)]
    data: Signal<ChartData>,
    /// Text summary for screen readers (the canvas is one image).
    #[prop(into)]
    label: Signal<String>,
    /// The day under the cursor, shared with the readout and the loop diagram.
    cursor: RwSignal<Option<f64>>,
    /// Fill the rest of the window's height (embed mode) instead of a fixed height per panel.
    #[prop(optional)]
    fill: bool,
) -> impl IntoView {
    let canvas_ref = NodeRef::<Canvas>::new();
    let size = RwSignal::new((0.0f64, 0.0f64));

    // Follow the element's CSS size; the observer lives as long as the component.
    Effect::new(move |_| {
        let Some(canvas) = canvas_ref.get() else { return };
        super::dom::observe_resize(&[&canvas], move |entries| {
            if let Ok(entry) = entries.get(0).dyn_into::<web_sys::ResizeObserverEntry>() {
                let r = entry.content_rect();
                size.set((r.width(), r.height()));
            }
        });
    });

    Effect::new(move |_| {
        let (w, h) = size.get();
        let Some(canvas) = canvas_ref.get() else { return };
        if w < 1.0 || h < 1.0 {
            return;
        }
        let dpr = web_sys::window().map(|w| w.device_pixel_ratio()).unwrap_or(1.0).max(1.0);
        // Setting a canvas's size, even to the same value, discards its bitmap and makes the compositor
        // take a new one: only on a real resize (each draw paints every pixel anyway).
        let (bw, bh) = ((w * dpr).round() as u32, (h * dpr).round() as u32);
        if canvas.width() != bw {
            canvas.set_width(bw);
        }
        if canvas.height() != bh {
            canvas.set_height(bh);
        }
        data.with(|d| match super::timing::measure("draw", || draw(&canvas, d, dpr, false)) {
            Ok(()) => super::timing::mark_once("first-chart"),
            Err(e) => web_sys::console::warn_1(&format!("chart: {e}").into()),
        });
    });

    // Filling a frame, the chart takes the height the page leaves it (CSS flex), but never less than a
    // readable panel each: a small frame scrolls rather than squeezing a panel to a line.
    let panels = move || data.with(|d| d.panels.len()) as f64;
    let height = move || if fill { "100%".to_string() } else { format!("{}px", panels() * PANEL_CSS_PX) };
    let min_height =
        move || if fill { format!("{}px", panels() * MIN_PANEL_CSS_PX + X_AXIS_CSS_PX) } else { String::new() };
    // Styles are set as CSSOM properties, not style attributes, which the Content-Security-Policy forbids.
    let cursor_x = move || cursor.get().and_then(|day| data.with(|d| d.x_of(day, size.get().0)));
    let cursor_left = move || cursor_x().map(|x| format!("{x:.1}px")).unwrap_or_default();
    let cursor_display = move || if cursor_x().is_some() { "" } else { "none" };
    let follow = move |x: f64| {
        let day = data.with(|d| d.day_at(x, size.get_untracked().0));
        cursor.set(day);
    };
    // Arrow keys move the cursor a week (a quarter hour when zoomed); Home and End jump to the ends.
    let on_key = move |ev: web_sys::KeyboardEvent| {
        let (step, first, last, resting) = data.with(|d| {
            let step = if d.days_axis { 0.25 / 24.0 * 4.0 } else { 7.0 };
            let (first, last) =
                (d.trajectory.days.first().copied().unwrap_or(0.0), d.trajectory.days.last().copied().unwrap_or(0.0));
            (step, first, last, d.resting_day.clamp(first, last))
        });
        // The first press moves from the moment the page is already reading, not from the chart's start.
        let now = cursor.get_untracked().unwrap_or(resting);
        let next = match ev.key().as_str() {
            "ArrowRight" => now + step,
            "ArrowLeft" => now - step,
            "Home" => first,
            "End" => last,
            "Escape" => {
                cursor.set(None);
                return;
            }
            _ => return,
        };
        ev.prevent_default();
        cursor.set(Some(next.clamp(first, last)));
    };
    view! {
        <div class="chart-wrap" class:fill=fill style:min-height=min_height>
            <canvas
                node_ref=canvas_ref
                class="chart"
                role="img"
                tabindex="0"
                aria-label=label
                aria-describedby="chart-description chart-keys"
                style:height=height
                on:pointermove=move |ev| follow(ev.offset_x() as f64)
                on:pointerdown=move |ev| follow(ev.offset_x() as f64)
                on:keydown=on_key
            ></canvas>
            <div class="cursor-line" aria-hidden="true" style:left=cursor_left style:display=cursor_display></div>
        </div>
        <p id="chart-keys" class="sr-only">{lang::t("Use the left and right arrow keys to move the cursor through time.")}</p>
    }
}

/// The paper chart's drawing size, CSS px: the width of an A4 text column at screen scale, and a height
/// that leaves the labs room on the same page. Printed at 100 % width, it keeps this aspect ratio.
const PRINT_CSS: (f64, f64) = (1000.0, 330.0);
/// Drawn at this many device pixels per CSS px, for paper's resolution.
const PRINT_SCALE: f64 = 2.0;
/// The paper chart is redrawn once the page has rested this long after a change (ms), so editing never
/// pays for it.
const PRINT_REST_MS: u64 = 700;

/// The chart as printed: its own canvas at a paper aspect ratio (a screen canvas scaled to the page would
/// be stretched, and printing does not wait for a redraw). Hidden on screen; redrawn when the page rests
/// and just before printing.
#[component]
pub fn PrintChart(
    /// What to draw.
    #[prop(into)]
    data: Signal<ChartData>,
) -> impl IntoView {
    let canvas_ref = NodeRef::<Canvas>::new();
    let draw_now = move || {
        let Some(canvas) = canvas_ref.get_untracked() else { return };
        canvas.set_width((PRINT_CSS.0 * PRINT_SCALE) as u32);
        canvas.set_height((PRINT_CSS.1 * PRINT_SCALE) as u32);
        // Paper is white whatever the screen's theme.
        let d = ChartData { dark: false, ..data.get_untracked() };
        if let Err(e) = draw(&canvas, &d, PRINT_SCALE, false) {
            web_sys::console::warn_1(&format!("print chart: {e}").into());
        }
    };
    let pending = StoredValue::new(None::<leptos::leptos_dom::helpers::TimeoutHandle>);
    Effect::new(move |_| {
        data.track();
        if let Some(h) = pending.get_value() {
            h.clear();
        }
        let delay = std::time::Duration::from_millis(PRINT_REST_MS);
        pending.set_value(leptos::leptos_dom::helpers::set_timeout_with_handle(draw_now, delay).ok());
    });
    let before_print = Closure::<dyn FnMut()>::new(draw_now);
    let _ = window().add_event_listener_with_callback("beforeprint", before_print.as_ref().unchecked_ref());
    // The page lives as long as the listener.
    before_print.forget();
    view! { <canvas node_ref=canvas_ref class="chart-print" aria-hidden="true"></canvas> }
}

/// Draws the chart into a detached canvas at `scale` times its CSS size and returns it as a PNG data URL.
pub fn render_png(d: &ChartData, scale: f64) -> Option<String> {
    let canvas: HtmlCanvasElement = document().create_element("canvas").ok()?.dyn_into().ok()?;
    let on_page: HtmlCanvasElement = document().query_selector("canvas.chart").ok()??.dyn_into().ok()?;
    let css_w = f64::from(on_page.client_width()).max(320.0);
    let css_h = d.panels.len() as f64 * PANEL_CSS_PX + LEGEND_CSS_PX;
    canvas.set_width((css_w * scale).round() as u32);
    canvas.set_height((css_h * scale).round() as u32);
    draw(&canvas, d, scale, true).ok()?;
    canvas.to_data_url_with_type("image/png").ok()
}

/// Keeps the first, smallest and largest sample of each pixel-wide bucket, so pulses and peaks
/// survive and the canvas never draws more than ~2 points per column.
pub fn decimate(xs: &[f64], ys: &[f64], columns: usize) -> Vec<(f64, f64)> {
    let n = xs.len().min(ys.len());
    let per = (n / columns.max(1)).max(1);
    if per <= 2 {
        return xs.iter().zip(ys).map(|(&x, &y)| (x, y)).take(n).collect();
    }
    let mut out = Vec::with_capacity(2 * n / per + 2);
    for start in (0..n).step_by(per) {
        let end = (start + per).min(n);
        let (mut lo, mut hi) = (start, start);
        for i in start..end {
            if ys[i] < ys[lo] {
                lo = i;
            }
            if ys[i] > ys[hi] {
                hi = i;
            }
        }
        let (a, b) = if lo < hi { (lo, hi) } else { (hi, lo) };
        out.push((xs[a], ys[a]));
        if b != a {
            out.push((xs[b], ys[b]));
        }
    }
    out
}

/// Tick labels without needless decimals: 1000, 250, 2.5, 0.25.
fn tick_label(y: f64) -> String {
    let a = y.abs();
    if a >= 10.0 || a == 0.0 {
        format!("{y:.0}")
    } else if a >= 1.0 {
        format!("{y:.1}")
    } else {
        format!("{y:.2}")
    }
}

/// Height of the legend line an exported image carries on top, CSS px.
const LEGEND_CSS_PX: f64 = 26.0;
const LEGEND: &str =
    "Shaded: adult male reference range. Dashed grey: the same man untreated. Dashed in colour: plan B. Rings: measured labs. Ticks: doses. Dotted: lab draws.";

/// A colour as CSS, with an alpha.
fn css(c: RGBColor, alpha: f64) -> String {
    format!("rgba({},{},{},{alpha})", c.0, c.1, c.2)
}

/// Draws every panel; `legend` adds the legend line on top (the exported image has no page around it).
fn draw(canvas: &HtmlCanvasElement, d: &ChartData, dpr: f64, legend: bool) -> Result<(), String> {
    let backend = MeasuredCanvas::new(canvas).ok_or("no 2D context")?;
    let overlay = backend.overlay();
    let root = backend.into_drawing_area();
    let (paper, ink, grid) = if d.dark {
        (RGBColor(0x1c, 0x22, 0x2b), RGBColor(0xe6, 0xe9, 0xee), RGBColor(0x2a, 0x31, 0x3c))
    } else {
        (WHITE, RGBColor(0x1d, 0x24, 0x30), RGBColor(0xf0, 0xf0, 0xf0))
    };
    root.fill(&paper).map_err(|e| e.to_string())?;
    let root = if legend {
        let (top, rest) = root.split_vertically((LEGEND_CSS_PX * dpr).round() as i32);
        let style = ("sans-serif", (12.0 * dpr).round() as i32).into_font().color(&ink);
        top.draw_text(lang::t(LEGEND), &style, ((8.0 * dpr) as i32, (7.0 * dpr) as i32)).map_err(|e| e.to_string())?;
        rest
    } else {
        root
    };
    let t = &d.trajectory;
    if t.is_empty() || d.panels.is_empty() {
        return Ok(());
    }
    let px = |v: f64| (v * dpr).round() as i32;
    let per = d.per_unit();
    let weeks: Vec<f64> = t.days.iter().map(|day| day / per).collect();
    let (x0, x1) = (weeks[0], *weeks.last().unwrap_or(&1.0));
    // A story's question not answered yet: nothing after its day is drawn, not even the scale it needs.
    let shown_rows = d.hidden_after.map_or(t.len(), |day| t.days.partition_point(|&x| x <= day + 1e-9).max(1));
    let hidden_from = d.hidden_after.map(|day| (day / per).clamp(x0, x1));
    let columns = canvas.width() as usize;
    let font = ("sans-serif", px(12.0)).into_font().color(&ink);
    let title_font = ("sans-serif", px(13.0)).into_font().style(FontStyle::Bold).color(&ink);
    let grey = RGBColor(0x99, 0x99, 0x99);
    let n = d.panels.len();
    // Every panel gets the same plotting height; the last one also holds the time axis's labels.
    let (_, total) = root.dim_in_pixel();
    let plot = (total as f64 - px(X_AXIS_CSS_PX) as f64).max(n as f64) / n as f64;
    let breaks: Vec<i32> = (1..n).map(|k| (k as f64 * plot).round() as i32).collect();
    let areas = root.split_by_breakpoints::<i32, i32, _, _>([], &breaks);
    for (i, (area, &o)) in areas.iter().zip(d.panels.iter()).enumerate() {
        let last = i + 1 == n;
        // GnRH has no clinical unit: it is drawn relative to this man untreated.
        let scale = if o == Output::Gnrh { 1.0 / t.baseline[o.index()].max(1e-9) } else { 1.0 };
        let ys: Vec<f64> = t.column(o)[..shown_rows].iter().map(|&v| o.display(v, d.units) * scale).collect();
        let baseline = o.display(t.baseline[o.index()], d.units) * scale;
        let range = o
            .reference_range()
            .map(|(lo, hi)| (d.units.convert_conventional(o, lo), d.units.convert_conventional(o, hi.min(1.0e6))));
        // The band of men, in display units: (x, p10, p90) on its own, lighter grid.
        let band: Vec<(f64, f64, f64)> = d
            .bands
            .as_ref()
            .map(|b| {
                let (lo, hi) = (&b.p10[o.index()], &b.p90[o.index()]);
                let show = |v: f64| o.display(v, d.units) * scale;
                let visible = |day: f64| d.hidden_after.is_none_or(|h| day <= h);
                let rows = b.days.iter().zip(lo.iter().zip(hi)).filter(|(&day, _)| visible(day));
                rows.map(|(&day, (&l, &h))| (day / per, show(l), show(h))).collect()
            })
            .unwrap_or_default();
        let shown = |v: f64| o.display(v, d.units) * scale;
        // Plan B on the same days as A (both start where the view starts).
        // Plan B on A's days, up to B's own last day (a shorter B stops there, not flat to A's end).
        let b_last = d.compared.as_ref().and_then(|b| b.days.last().copied()).unwrap_or(f64::NEG_INFINITY);
        let b_rows = t.days.partition_point(|&day| day <= b_last + 1e-9).min(shown_rows);
        let compared: Vec<f64> = d
            .compared
            .as_ref()
            .map(|b| t.days[..b_rows].iter().map(|&day| shown(b.at(o, day))).collect())
            .unwrap_or_default();
        let measured: Vec<(f64, f64)> = d
            .measured
            .iter()
            .filter(|m| m.0 == o && m.1 / per >= x0 && m.1 / per <= x1)
            .map(|m| (m.1 / per, shown(m.2)))
            .collect();
        let data_max = ys
            .iter()
            .cloned()
            .chain(band.iter().map(|b| b.2))
            .chain(compared.iter().cloned())
            .chain(measured.iter().map(|m| m.1))
            .fold(baseline, f64::max);
        let y_max = range
            .map_or(data_max, |(_, hi)| if hi.is_finite() && hi < 1e5 { data_max.max(hi) } else { data_max })
            * 1.12;
        let y_max = if y_max > 0.0 { y_max } else { 1.0 };
        let unit = if o == Output::Gnrh { lang::t("x untreated") } else { lang::t(o.unit(d.units)) };
        let title = format!("{} ({unit})", lang::t(o.label()));
        let mut chart = ChartBuilder::on(area)
            .margin_left(px(6.0))
            .margin_right(px(PLOT_RIGHT_CSS_PX))
            .margin_top(px(4.0))
            .x_label_area_size(if last { px(X_AXIS_CSS_PX) } else { px(6.0) })
            .y_label_area_size(px(PLOT_LEFT_CSS_PX - 6.0))
            .caption(title, title_font.clone())
            .build_cartesian_2d(x0..x1, 0.0..y_max)
            .map_err(|e| e.to_string())?;
        let decimals = if d.days_axis && x1 - x0 < 4.0 { 1 } else { 0 };
        let x_label = move |x: &f64| lang::number(format!("{x:.decimals$}"));
        let mut mesh = chart.configure_mesh();
        // Four ticks where a panel has room for them, fewer where it has not, never touching.
        let y_labels = ((plot / dpr) / 28.0).clamp(2.0, 4.0) as usize;
        mesh.y_labels(y_labels)
            .y_label_formatter(&|y| lang::number(tick_label(*y)))
            .label_style(font.clone())
            .axis_style(ink.mix(0.6))
            .bold_line_style(grid.mix(0.9))
            // One faint line between labelled ones: plotters' default ten is a dense texture and a stroke each.
            .max_light_lines(1)
            .light_line_style(grid);
        if last {
            let desc = if d.days_axis { lang::t("day") } else { lang::t("weeks") };
            // A label per 64 CSS px at most, so a narrow frame does not print them over each other.
            let labels =
                ((columns as f64 / dpr - PLOT_LEFT_CSS_PX - PLOT_RIGHT_CSS_PX) / 64.0).clamp(2.0, 12.0) as usize;
            mesh.x_desc(desc).x_labels(labels).x_label_formatter(&x_label).axis_desc_style(font.clone());
        } else {
            mesh.x_labels(0);
        }
        mesh.draw().map_err(|e| e.to_string())?;
        if let Some((lo, hi)) = range {
            let band = Rectangle::new([(x0, lo), (x1, hi.min(y_max))], color(o).mix(0.09).filled());
            chart.draw_series(std::iter::once(band)).map_err(|e| e.to_string())?;
        }
        // The untreated man, faint and dashed, behind everything; lab draws as faint dotted lines. Drawn
        // with the context's own dashes: plotters' dashed series strokes every dash separately (~1,500
        // strokes a redraw, a third of the drawing time).
        let dashed = |from: (f64, f64), to: (f64, f64), on: f64, off: f64, rgba: String, width: f64| {
            // Half-pixel offsets keep one-pixel lines crisp, as plotters does for its own.
            let (a, b) = (chart.backend_coord(&from), chart.backend_coord(&to));
            let (ax, ay, bx, by) = (f64::from(a.0), f64::from(a.1), f64::from(b.0), f64::from(b.1));
            let (ax, bx) = if a.0 == b.0 { (ax + 0.5, bx + 0.5) } else { (ax, bx) };
            let (ay, by) = if a.1 == b.1 { (ay + 0.5, by + 0.5) } else { (ay, by) };
            overlay.dashed_line((ax, ay), (bx, by), [on, off], &rgba, width);
        };
        let line = |px_: i32| f64::from(px_.max(1));
        dashed((x0, baseline), (x1, baseline), line(px(4.0)), line(px(4.0)), css(grey, 1.0), line(px(1.0)));
        for x in d.draws.iter().map(|&day| day / per).filter(|&x| x >= x0 && x <= x1) {
            dashed((x, 0.0), (x, y_max), line(px(2.0)), line(px(3.0)), css(ink, 0.35), 1.0);
        }
        if band.len() > 1 {
            let outline: Vec<(f64, f64)> = band
                .iter()
                .map(|&(x, _, hi)| (x.clamp(x0, x1), hi.min(y_max)))
                .chain(band.iter().rev().map(|&(x, lo, _)| (x.clamp(x0, x1), lo.min(y_max))))
                .collect();
            chart
                .draw_series(std::iter::once(Polygon::new(outline, color(o).mix(0.22).filled())))
                .map_err(|e| e.to_string())?;
        }
        if !compared.is_empty() {
            let path: Vec<(f64, f64)> = decimate(&weeks[..compared.len()], &compared, columns)
                .into_iter()
                .map(|p| {
                    let c = chart.backend_coord(&p);
                    (f64::from(c.0), f64::from(c.1))
                })
                .collect();
            let c = color(o);
            overlay.dashed_path(&path, [line(px(7.0)), line(px(4.0))], &css(c, 0.9), line(px(2.0)));
        }
        if let Some(from) = hidden_from {
            let veil = Rectangle::new([(from, 0.0), (x1, y_max)], grey.mix(0.18).filled());
            chart.draw_series(std::iter::once(veil)).map_err(|e| e.to_string())?;
            let at = chart.backend_coord(&((from + x1) / 2.0, y_max / 2.0));
            let mark = ("sans-serif", px(22.0)).into_font().style(FontStyle::Bold).color(&ink.mix(0.55));
            area.draw_text("?", &mark, (at.0 - area.get_base_pixel().0, at.1 - area.get_base_pixel().1))
                .map_err(|e| e.to_string())?;
        }
        let points = decimate(&weeks[..ys.len()], &ys, columns);
        chart
            .draw_series(LineSeries::new(points, color(o).stroke_width(px(2.0).max(1) as u32)))
            .map_err(|e| e.to_string())?;
        let ring = ShapeStyle { color: ink.to_rgba(), filled: false, stroke_width: px(2.0).max(1) as u32 };
        chart.draw_series(measured.iter().map(|&m| Circle::new(m, px(5.0), ring))).map_err(|e| e.to_string())?;
        if last {
            // Dose times as ticks on the time axis.
            let tick = y_max * 0.06;
            let marks = d.doses.iter().map(|&day| day / per).filter(|&x| x >= x0 && x <= x1).map(|x| {
                PathElement::new(
                    vec![(x, 0.0), (x, tick)],
                    RGBColor(0x44, 0x44, 0x44).stroke_width(px(1.0).max(1) as u32),
                )
            });
            chart.draw_series(marks).map_err(|e| e.to_string())?;
        }
    }
    root.present().map_err(|e| e.to_string())
}
