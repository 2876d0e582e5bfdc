//! Stacked hormone panels on a canvas, drawn by plotters. Crisp on HiDPI screens: the backing store
//! is the CSS size times devicePixelRatio, and fonts, margins and strokes are scaled by the same
//! factor (plotters-canvas has no notion of device pixels).

use crate::model::{Output, Trajectory};
use leptos::html::Canvas;
use leptos::prelude::*;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

/// One panel: which output, its title, colour, and reference range in conventional units.
struct Panel {
    output: Output,
    title: &'static str,
    color: RGBColor,
    range: (f64, f64),
}

const PANELS: [Panel; 2] = [
    Panel {
        output: Output::TotalT,
        title: "Total testosterone (ng/dL)",
        color: RGBColor(0xb4, 0x3c, 0x1e),
        range: (264.0, 916.0),
    },
    Panel { output: Output::Lh, title: "LH (IU/L)", color: RGBColor(0x1f, 0x5f, 0xa8), range: (1.5, 9.0) },
];

/// The chart. Redraws when the trajectory or the element's size changes.
#[component]
pub fn Chart(
    /// The time course to draw.
    #[prop(into)]
    trajectory: Signal<Trajectory>,
) -> impl IntoView {
    let canvas_ref = NodeRef::<Canvas>::new();
    let size = RwSignal::new((0.0f64, 0.0f64));

    // Follow the element's CSS size; the observer lives as long as the component.
    Effect::new(move |_| {
        let Some(canvas) = canvas_ref.get() else { return };
        let on_resize = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
            if let Ok(entry) = entries.get(0).dyn_into::<web_sys::ResizeObserverEntry>() {
                let r = entry.content_rect();
                size.set((r.width(), r.height()));
            }
        });
        if let Ok(observer) = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()) {
            observer.observe(&canvas);
            on_cleanup(move || observer.disconnect());
        }
        on_resize.forget();
    });

    Effect::new(move |_| {
        let (w, h) = size.get();
        let Some(canvas) = canvas_ref.get() else { return };
        if w < 1.0 || h < 1.0 {
            return;
        }
        let dpr = web_sys::window().map(|w| w.device_pixel_ratio()).unwrap_or(1.0).max(1.0);
        canvas.set_width((w * dpr).round() as u32);
        canvas.set_height((h * dpr).round() as u32);
        trajectory.with(|t| {
            if let Err(e) = draw(&canvas, t, dpr) {
                web_sys::console::warn_1(&format!("chart: {e}").into());
            }
        });
    });

    view! {
        <canvas
            node_ref=canvas_ref
            class="chart"
            role="img"
            aria-label="Total testosterone and LH over the 24 weeks of the regimen"
        ></canvas>
    }
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

fn draw(canvas: &HtmlCanvasElement, t: &Trajectory, dpr: f64) -> Result<(), String> {
    let backend = CanvasBackend::with_canvas_object(canvas.clone()).ok_or("no 2D context")?;
    let root = backend.into_drawing_area();
    root.fill(&WHITE).map_err(|e| e.to_string())?;
    if t.is_empty() {
        return Ok(());
    }
    let px = |v: f64| (v * dpr).round() as i32;
    let weeks: Vec<f64> = t.days.iter().map(|d| d / 7.0).collect();
    let (x0, x1) = (weeks[0], *weeks.last().unwrap_or(&1.0));
    let columns = canvas.width() as usize;
    let font = ("sans-serif", px(13.0)).into_font();
    let title_font = ("sans-serif", px(14.0)).into_font();
    for (area, panel) in root.split_evenly((PANELS.len(), 1)).iter().zip(PANELS.iter()) {
        let ys: Vec<f64> = t.column(panel.output).iter().map(|&v| panel.output.to_conventional(v)).collect();
        let y_max = ys.iter().cloned().fold(panel.range.1, f64::max) * 1.1;
        let mut chart = ChartBuilder::on(area)
            .margin(px(8.0))
            .caption(panel.title, title_font.clone())
            .x_label_area_size(px(40.0))
            .y_label_area_size(px(52.0))
            .build_cartesian_2d(x0..x1, 0.0..y_max)
            .map_err(|e| e.to_string())?;
        chart
            .configure_mesh()
            .x_desc("weeks")
            .x_labels(10)
            .y_labels(6)
            .x_label_formatter(&|x| format!("{x:.0}"))
            .y_label_formatter(&|y| tick_label(*y))
            .label_style(font.clone())
            .axis_desc_style(font.clone())
            .light_line_style(RGBColor(0xee, 0xee, 0xee))
            .draw()
            .map_err(|e| e.to_string())?;
        let band = Rectangle::new([(x0, panel.range.0), (x1, panel.range.1)], panel.color.mix(0.10).filled());
        chart.draw_series(std::iter::once(band)).map_err(|e| e.to_string())?;
        let points = decimate(&weeks, &ys, columns);
        chart
            .draw_series(LineSeries::new(points, panel.color.stroke_width(px(2.0).max(1) as u32)))
            .map_err(|e| e.to_string())?;
    }
    root.present().map_err(|e| e.to_string())
}
