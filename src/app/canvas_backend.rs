//! plotters' canvas backend with text measured by the canvas itself.
//!
//! plotters measures text (panel titles, axis names) by appending a styled `<span>` to `<body>` and
//! reading its size. That forces a layout of the whole page for every title on every redraw, and the
//! `style` attribute it sets is an inline style, which the page's Content-Security-Policy refuses (the
//! span would then be measured at the wrong size). `measureText` on the 2D context needs neither.

use plotters::prelude::DrawingBackend;
use plotters_backend::{BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind};
use plotters_canvas::CanvasBackend;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// `CanvasBackend` for drawing; the context's `measureText` for sizing text.
pub struct MeasuredCanvas {
    inner: CanvasBackend,
    context: CanvasRenderingContext2d,
}

impl MeasuredCanvas {
    /// None when the canvas has no 2D context.
    pub fn new(canvas: &HtmlCanvasElement) -> Option<MeasuredCanvas> {
        let context = canvas.get_context("2d").ok()??.dyn_into::<CanvasRenderingContext2d>().ok()?;
        let inner = CanvasBackend::with_canvas_object(canvas.clone())?;
        Some(MeasuredCanvas { inner, context })
    }

    /// The same context, for drawing between plotters' own calls (they draw at once, in order).
    pub fn overlay(&self) -> Overlay {
        Overlay { context: self.context.clone() }
    }
}

/// Direct access to the context for what plotters draws slowly (see `dashed_line`).
pub struct Overlay {
    context: CanvasRenderingContext2d,
}

impl Overlay {
    /// One dashed line in canvas pixels, stroked once with the context's line dash.
    pub fn dashed_line(&self, from: (f64, f64), to: (f64, f64), dash: [f64; 2], color: &str, width: f64) {
        self.dashed_path(&[from, to], dash, color, width);
    }

    /// A dashed polyline in canvas pixels, stroked once (the dashes run on along the whole path).
    pub fn dashed_path(&self, points: &[(f64, f64)], dash: [f64; 2], color: &str, width: f64) {
        let ctx = &self.context;
        let Some((&first, rest)) = points.split_first() else { return };
        ctx.save();
        let pattern = js_sys::Array::of2(&dash[0].into(), &dash[1].into());
        let _ = ctx.set_line_dash(&pattern);
        ctx.set_stroke_style_str(color);
        ctx.set_line_width(width);
        ctx.begin_path();
        ctx.move_to(first.0, first.1);
        for p in rest {
            ctx.line_to(p.0, p.1);
        }
        ctx.stroke();
        ctx.restore();
    }
}

/// A drawing error, as text (plotters-canvas does not export its own error type).
#[derive(Debug)]
pub struct CanvasError(String);

impl std::fmt::Display for CanvasError {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for CanvasError {}

type Drawn = Result<(), DrawingErrorKind<CanvasError>>;

fn lift<E: std::error::Error + Send + Sync>(r: Result<(), DrawingErrorKind<E>>) -> Drawn {
    r.map_err(|e| match e {
        DrawingErrorKind::DrawingError(e) => DrawingErrorKind::DrawingError(CanvasError(e.to_string())),
        DrawingErrorKind::FontError(e) => DrawingErrorKind::FontError(e),
    })
}

impl DrawingBackend for MeasuredCanvas {
    type ErrorType = CanvasError;

    fn get_size(&self) -> (u32, u32) {
        self.inner.get_size()
    }

    fn ensure_prepared(&mut self) -> Drawn {
        lift(self.inner.ensure_prepared())
    }

    fn present(&mut self) -> Drawn {
        lift(self.inner.present())
    }

    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Drawn {
        lift(self.inner.draw_pixel(point, color))
    }

    fn draw_line<S: BackendStyle>(&mut self, from: BackendCoord, to: BackendCoord, style: &S) -> Drawn {
        lift(self.inner.draw_line(from, to, style))
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Drawn {
        lift(self.inner.draw_rect(upper_left, bottom_right, style, fill))
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(&mut self, path: I, style: &S) -> Drawn {
        lift(self.inner.draw_path(path, style))
    }

    fn draw_circle<S: BackendStyle>(&mut self, center: BackendCoord, radius: u32, style: &S, fill: bool) -> Drawn {
        lift(self.inner.draw_circle(center, radius, style, fill))
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(&mut self, vert: I, style: &S) -> Drawn {
        lift(self.inner.fill_polygon(vert, style))
    }

    fn draw_text<S: BackendTextStyle>(&mut self, text: &str, style: &S, pos: BackendCoord) -> Drawn {
        lift(self.inner.draw_text(text, style, pos))
    }

    fn estimate_text_size<S: BackendTextStyle>(
        &self,
        text: &str,
        style: &S,
    ) -> Result<(u32, u32), DrawingErrorKind<CanvasError>> {
        // The same font string CanvasBackend::draw_text sets, so measuring and drawing agree.
        self.context.set_font(&format!("{} {}px {}", style.style().as_str(), style.size(), style.family().as_str()));
        let m = self
            .context
            .measure_text(text)
            .map_err(|e| DrawingErrorKind::DrawingError(CanvasError(format!("{e:?}"))))?;
        // The font's ascent + descent is the line box a span would have had.
        let height = m.font_bounding_box_ascent() + m.font_bounding_box_descent();
        let height = if height.is_finite() && height > 0.0 { height } else { style.size() * 1.2 };
        Ok((m.width().ceil().max(0.0) as u32, height.ceil() as u32))
    }
}
