//! What a simulation returns: every output on a uniform time grid, in the model's internal units.
//! Conversion to clinical units happens at the edges (`Output::to_conventional`).

use crate::units;
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Output {
    Gnrh,
    Lh,
    Fsh,
    TotalT,
    FreeT,
    Shbg,
    E2,
    FreeE2,
    InhibinB,
    Itt,
    Sperm,
    Enclomiphene,
    Zuclomiphene,
    Tamoxifen,
    Anastrozole,
    Gonadorelin,
    Hcg,
    PituitaryDesensitisation,
    LeydigDesensitisation,
    ErAgonism,
}

/// Estradiol below this (pg/mL) is too low for a man, above this too high: the chart's band, the lab table's
/// marks and the flags all use these two numbers.
pub const E2_LOW_PG_ML: f64 = 15.0;
pub const E2_HIGH_PG_ML: f64 = 50.0;

impl Output {
    pub const ALL: [Output; 20] = [
        Output::Gnrh,
        Output::Lh,
        Output::Fsh,
        Output::TotalT,
        Output::FreeT,
        Output::Shbg,
        Output::E2,
        Output::FreeE2,
        Output::InhibinB,
        Output::Itt,
        Output::Sperm,
        Output::Enclomiphene,
        Output::Zuclomiphene,
        Output::Tamoxifen,
        Output::Anastrozole,
        Output::Gonadorelin,
        Output::Hcg,
        Output::PituitaryDesensitisation,
        Output::LeydigDesensitisation,
        Output::ErAgonism,
    ];
    pub const COUNT: usize = Self::ALL.len();

    pub fn index(self) -> usize {
        self as usize
    }

    /// Column name with conventional unit, as in CSV headers.
    pub fn key(self) -> &'static str {
        match self {
            Output::Gnrh => "gnrh_rel",
            Output::Lh => "lh_iu_l",
            Output::Fsh => "fsh_iu_l",
            Output::TotalT => "total_t_ng_dl",
            Output::FreeT => "free_t_pg_ml",
            Output::Shbg => "shbg_nmol_l",
            Output::E2 => "e2_pg_ml",
            Output::FreeE2 => "free_e2_pg_ml",
            Output::InhibinB => "inhibin_b_pg_ml",
            Output::Itt => "itt_nmol_l",
            Output::Sperm => "sperm_m_per_ml",
            Output::Enclomiphene => "enclomiphene_ng_ml",
            Output::Zuclomiphene => "zuclomiphene_ng_ml",
            Output::Tamoxifen => "tamoxifen_ng_ml",
            Output::Anastrozole => "anastrozole_ng_ml",
            Output::Gonadorelin => "gonadorelin_ng_l",
            Output::Hcg => "hcg_iu_l",
            Output::PituitaryDesensitisation => "pituitary_desensitisation",
            Output::LeydigDesensitisation => "leydig_desensitisation",
            Output::ErAgonism => "central_er_agonism",
        }
    }

    pub fn from_key(key: &str) -> Option<Output> {
        Output::ALL.into_iter().find(|o| o.key() == key)
    }

    /// CSV column name with the unit, e.g. `total_t_ng_dl` or `total_t_nmol_l`.
    pub fn column_header(self, units: Units) -> String {
        match (self, units) {
            (Output::TotalT, Units::Si) => "total_t_nmol_l".into(),
            (Output::FreeT, Units::Si) => "free_t_pmol_l".into(),
            (Output::E2, Units::Si) => "e2_pmol_l".into(),
            (Output::FreeE2, Units::Si) => "free_e2_pmol_l".into(),
            _ => self.key().into(),
        }
    }

    /// Display name, in English (a CSV of the lab table writes it): the page shows it through `lang::t`.
    pub fn label(self) -> &'static str {
        match self {
            Output::Gnrh => "GnRH",
            Output::Lh => "LH",
            Output::Fsh => "FSH",
            Output::TotalT => "Total testosterone",
            Output::FreeT => "Free testosterone",
            Output::Shbg => "SHBG",
            Output::E2 => "Estradiol (E2)",
            Output::FreeE2 => "Free E2",
            Output::InhibinB => "Inhibin B",
            Output::Itt => "Intratesticular T",
            Output::Sperm => "Sperm concentration",
            Output::Enclomiphene => "Enclomiphene",
            Output::Zuclomiphene => "Zuclomiphene",
            Output::Tamoxifen => "Tamoxifen",
            Output::Anastrozole => "Anastrozole",
            Output::Gonadorelin => "Gonadorelin",
            Output::Hcg => "hCG",
            Output::PituitaryDesensitisation => "Pituitary desensitisation",
            Output::LeydigDesensitisation => "Leydig desensitisation",
            Output::ErAgonism => "Central estrogen signal",
        }
    }

    /// The value in the chosen display units.
    pub fn display(self, v: f64, units: Units) -> f64 {
        match (self, units) {
            (Output::TotalT, Units::Si) => v,
            (Output::FreeT, Units::Si) => v * 1000.0,
            (Output::E2 | Output::FreeE2, Units::Si) => v,
            _ => self.to_conventional(v),
        }
    }

    /// Unit label in the chosen display units.
    pub fn unit(self, units: Units) -> &'static str {
        match (self, units) {
            (Output::TotalT, Units::Conventional) => "ng/dL",
            (Output::TotalT, Units::Si) => "nmol/L",
            (Output::FreeT, Units::Conventional) => "pg/mL",
            (Output::FreeT, Units::Si) => "pmol/L",
            (Output::E2 | Output::FreeE2, Units::Conventional) => "pg/mL",
            (Output::E2 | Output::FreeE2, Units::Si) => "pmol/L",
            (Output::Lh | Output::Fsh | Output::Hcg, _) => "IU/L",
            (Output::Shbg | Output::Itt, _) => "nmol/L",
            (Output::InhibinB, _) => "pg/mL",
            (Output::Sperm, _) => "M/mL",
            (Output::Gonadorelin, _) => "ng/L",
            (Output::Enclomiphene | Output::Zuclomiphene | Output::Tamoxifen | Output::Anastrozole, _) => "ng/mL",
            (Output::Gnrh, _) => "x normal",
            (Output::PituitaryDesensitisation | Output::LeydigDesensitisation | Output::ErAgonism, _) => "fraction",
        }
    }

    /// Adult male reference range in conventional units, where one is in clinical use (physiology.md §5).
    pub fn reference_range(self) -> Option<(f64, f64)> {
        match self {
            // Travison 2017 JCEM (2.5-97.5th centile, non-obese men 19-39).
            Output::TotalT => Some((264.0, 916.0)),
            // Vermeulen-computed; lower limits ~50-65 pg/mL.
            Output::FreeT => Some((50.0, 210.0)),
            // One rule with the flags (events.rs): below 15 pg/mL bone, fat mass and libido suffer (Finkelstein
            // 2013; physiology reference §6, flag 10-15); above 50 is flagged high. (LC-MS/MS 2.5-97.5th
            // centile 3.3-37, Verdonk 2019: a laboratory's range, not where harm starts.)
            Output::E2 => Some((E2_LOW_PG_ML, E2_HIGH_PG_ML)),
            Output::Lh => Some((1.5, 9.0)),
            Output::Fsh => Some((1.5, 12.0)),
            Output::Shbg => Some((10.0, 57.0)),
            // 10th-90th centile, Grunewald 2013.
            Output::InhibinB => Some((55.0, 247.0)),
            // WHO 2021 lower reference limit.
            Output::Sperm => Some((16.0, f64::INFINITY)),
            _ => None,
        }
    }

    /// Converts an internal value to the conventional unit named in `key`.
    pub fn to_conventional(self, v: f64) -> f64 {
        match self {
            Output::TotalT => units::t_nmol_to_ng_dl(v),
            Output::FreeT => units::free_t_pmol_to_pg_ml(v * 1000.0),
            Output::E2 => units::e2_pmol_to_pg_ml(v),
            Output::FreeE2 => units::e2_pmol_to_pg_ml(v),
            _ => v,
        }
    }
}

/// Display units: conventional (ng/dL, pg/mL) or SI (nmol/L, pmol/L).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub enum Units {
    #[default]
    Conventional,
    Si,
}

impl Units {
    /// A range bound given in conventional units, in these units.
    pub fn convert_conventional(self, o: Output, v: f64) -> f64 {
        match (o, self) {
            (Output::TotalT, Units::Si) => crate::units::t_ng_dl_to_nmol(v),
            (Output::FreeT, Units::Si) => v / crate::units::T_NG_PER_NMOL * 1000.0,
            (Output::E2 | Output::FreeE2, Units::Si) => crate::units::e2_pg_ml_to_pmol(v),
            _ => v,
        }
    }
}

/// The first row a view starting at `day` shows: a sample on `day` itself, or else the last sample
/// before it, so the view has no gap and starts no earlier than it must.
pub fn first_row_shown(days: &[f64], day: f64) -> usize {
    let i = days.partition_point(|&d| d < day);
    if days.get(i) == Some(&day) {
        i
    } else {
        i.saturating_sub(1)
    }
}

/// Linear interpolation of `values` (one per day of `days`, ascending) at `day`, clamped to the span;
/// NaN when there is no value.
pub fn interpolate(days: &[f64], values: &[f64], day: f64) -> f64 {
    let n = days.len().min(values.len());
    if n == 0 {
        return f64::NAN;
    }
    let i = days[..n].partition_point(|&x| x < day);
    if i == 0 {
        return values[0];
    }
    if i >= n {
        return values[n - 1];
    }
    let (t0, t1) = (days[i - 1], days[i]);
    let w = if t1 > t0 { (day - t0) / (t1 - t0) } else { 1.0 };
    values[i - 1] + w * (values[i] - values[i - 1])
}

/// A simulated time course.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Trajectory {
    /// Day of each sample (day 0 = start of the regimen; history is negative).
    pub days: Vec<f64>,
    /// One column per `Output`, internal units, aligned with `days`.
    pub columns: Vec<Vec<f64>>,
    /// The subject's untreated steady state (one-day mean), internal units, by `Output::index`.
    pub baseline: Vec<f64>,
    /// The day recovery counts from (`recovery::counted_from` of the scenario run); `None` when the scenario
    /// gives no testosterone or hCG, so there is nothing to recover from.
    pub recovery_from: Option<f64>,
}

impl Trajectory {
    pub fn new() -> Trajectory {
        Trajectory {
            days: Vec::new(),
            columns: vec![Vec::new(); Output::COUNT],
            baseline: vec![0.0; Output::COUNT],
            recovery_from: None,
        }
    }

    pub fn len(&self) -> usize {
        self.days.len()
    }
    pub fn is_empty(&self) -> bool {
        self.days.is_empty()
    }

    pub fn column(&self, o: Output) -> &[f64] {
        &self.columns[o.index()]
    }

    /// Room for `rows` more samples, so a run of known length writes them without growing its columns.
    pub fn reserve(&mut self, rows: usize) {
        self.days.reserve(rows);
        for c in &mut self.columns {
            c.reserve(rows);
        }
    }

    pub fn push(&mut self, day: f64, values: &[f64; Output::COUNT]) {
        self.days.push(day);
        for (c, v) in self.columns.iter_mut().zip(values) {
            c.push(*v);
        }
    }

    /// Keeps the first `rows` samples.
    pub fn truncate(&mut self, rows: usize) {
        self.days.truncate(rows);
        self.columns.iter_mut().for_each(|c| c.truncate(rows));
    }

    /// Every `k`-th sample, and the last: a lighter copy for views that need no more than a few hundred
    /// points.
    pub fn every(&self, k: usize) -> Trajectory {
        let k = k.max(1);
        let mut rows: Vec<usize> = (0..self.len()).step_by(k).collect();
        if !self.is_empty() && rows.last() != Some(&(self.len() - 1)) {
            rows.push(self.len() - 1);
        }
        Trajectory {
            days: rows.iter().map(|&r| self.days[r]).collect(),
            columns: self.columns.iter().map(|c| rows.iter().map(|&r| c[r]).collect()).collect(),
            baseline: self.baseline.clone(),
            recovery_from: self.recovery_from,
        }
    }

    /// The first day at or after `from` on which `ok` holds for the output, in conventional units.
    pub fn first_day(&self, o: Output, from: f64, ok: impl Fn(f64) -> bool) -> Option<f64> {
        self.days.iter().zip(self.column(o)).find(|(&d, &v)| d >= from && ok(o.to_conventional(v))).map(|(&d, _)| d)
    }

    /// The samples from `day` on (the last one before it kept when none falls on `day`, so the view
    /// starts at `day` or just before).
    pub fn since(&self, day: f64) -> Trajectory {
        let from = first_row_shown(&self.days, day);
        Trajectory {
            days: self.days[from..].to_vec(),
            columns: self.columns.iter().map(|c| c[from..].to_vec()).collect(),
            baseline: self.baseline.clone(),
            recovery_from: self.recovery_from,
        }
    }

    /// The same trajectory on a clock moved by `days` (see `Scenario::window`).
    pub fn shifted(mut self, days: f64) -> Trajectory {
        self.days.iter_mut().for_each(|d| *d += days);
        self.recovery_from = self.recovery_from.map(|d| d + days);
        self
    }

    /// Linear interpolation of one output at `day` (clamped to the simulated span).
    pub fn at(&self, o: Output, day: f64) -> f64 {
        interpolate(&self.days, self.column(o), day)
    }

    /// Time-weighted mean of an output over [from, to]: the exact integral of the piecewise-linear
    /// trajectory through every sample inside, so spiky signals (GnRH pulses) are not undersampled.
    pub fn mean(&self, o: Output, from: f64, to: f64) -> f64 {
        if to <= from || self.days.is_empty() {
            return self.at(o, from);
        }
        let (d, c) = (&self.days, self.column(o));
        let first = d.partition_point(|&x| x <= from);
        let last = d.partition_point(|&x| x < to);
        let mut area = 0.0;
        let (mut t_prev, mut v_prev) = (from, self.at(o, from));
        for i in first..last {
            area += 0.5 * (v_prev + c[i]) * (d[i] - t_prev);
            (t_prev, v_prev) = (d[i], c[i]);
        }
        area += 0.5 * (v_prev + self.at(o, to)) * (to - t_prev);
        area / (to - from)
    }

    /// The time course as CSV in the given units, units in the headers (`lh_iu_l`, `total_t_nmol_l`...).
    pub fn to_csv(&self, units: Units) -> String {
        let mut s = String::from("day");
        self.write_csv(&mut s, units, None);
        s
    }

    /// Plan A and plan B in one CSV: a first column `plan` (A or B), plan A's rows, then plan B's.
    pub fn plans_to_csv(a: &Trajectory, b: &Trajectory, units: Units) -> String {
        let mut s = String::from("plan,day");
        a.write_csv(&mut s, units, Some("A"));
        b.write_rows(&mut s, units, Some("B"));
        s
    }

    /// The rest of the header after its first columns, then the rows.
    fn write_csv(&self, s: &mut String, units: Units, plan: Option<&str>) {
        for o in Output::ALL {
            s.push(',');
            s.push_str(&o.column_header(units));
        }
        s.push('\n');
        self.write_rows(s, units, plan);
    }

    fn write_rows(&self, s: &mut String, units: Units, plan: Option<&str>) {
        for (i, d) in self.days.iter().enumerate() {
            if let Some(p) = plan {
                s.push_str(p);
                s.push(',');
            }
            s.push_str(&format!("{d:.5}"));
            for o in Output::ALL {
                s.push_str(&format!(",{:.5}", o.display(self.columns[o.index()][i], units)));
            }
            s.push('\n');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_units_agree_with_conventional_ranges() {
        // 18 nmol/L total T is 519 ng/dL; the SI range bound converts the same way.
        let v = 18.0;
        let si = Output::TotalT.display(v, Units::Si);
        let conv = Output::TotalT.display(v, Units::Conventional);
        assert!((Units::Si.convert_conventional(Output::TotalT, conv) - si).abs() < 1e-9);
        // 0.367 nmol/L free T: 105.8 pg/mL, 367 pmol/L.
        let ft = 0.367;
        let (c, s) = (Output::FreeT.display(ft, Units::Conventional), Output::FreeT.display(ft, Units::Si));
        assert!((Units::Si.convert_conventional(Output::FreeT, c) - s).abs() < 1e-9);
        assert_eq!(Output::E2.unit(Units::Si), "pmol/L");
    }

    #[test]
    fn mean_is_the_exact_integral_of_the_samples() {
        let mut t = Trajectory::new();
        let mut row = [0.0; Output::COUNT];
        for (day, v) in [(0.0, 0.0), (1.0, 2.0), (1.5, 0.0), (3.0, 0.0)] {
            row[Output::Lh.index()] = v;
            t.push(day, &row);
        }
        // Triangle of area 0.5 * 1.5 * 2 = 1.5 over three days.
        assert!((t.mean(Output::Lh, 0.0, 3.0) - 0.5).abs() < 1e-12);
        assert!((t.mean(Output::Lh, 0.5, 1.0) - 1.5).abs() < 1e-12);
        assert!((t.at(Output::Lh, 1.25) - 1.0).abs() < 1e-12);
    }
}
