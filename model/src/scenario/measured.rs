//! Labs a person measured: what, when (a day of the protocol) and in which unit it was reported. They
//! are kept as entered (value and unit) and converted to the model's units only where they meet a
//! trajectory (`Measured::internal`), so a link or a file gives back exactly what was typed.

use crate::lang::{say, t};
use crate::trajectory::{Output, Trajectory};
use crate::units;

/// What a lab report measures, among what the model simulates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Analyte {
    TotalT,
    FreeT,
    Lh,
    Fsh,
    E2,
    Shbg,
    Sperm,
}

/// The unit a value was reported in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LabUnit {
    NgDl,
    NmolL,
    PgMl,
    PmolL,
    IuL,
    /// Numerically the same as IU/L; some laboratories print it.
    MiuMl,
    MPerMl,
}

impl LabUnit {
    pub const ALL: [LabUnit; 7] =
        [LabUnit::NgDl, LabUnit::NmolL, LabUnit::PgMl, LabUnit::PmolL, LabUnit::IuL, LabUnit::MiuMl, LabUnit::MPerMl];

    pub fn label(self) -> &'static str {
        match self {
            LabUnit::NgDl => "ng/dL",
            LabUnit::NmolL => "nmol/L",
            LabUnit::PgMl => "pg/mL",
            LabUnit::PmolL => "pmol/L",
            LabUnit::IuL => "IU/L",
            LabUnit::MiuMl => "mIU/mL",
            LabUnit::MPerMl => "M/mL",
        }
    }

    /// The unit in a link (letters only).
    pub fn word(self) -> &'static str {
        match self {
            LabUnit::NgDl => "ngdl",
            LabUnit::NmolL => "nmoll",
            LabUnit::PgMl => "pgml",
            LabUnit::PmolL => "pmoll",
            LabUnit::IuL => "iul",
            LabUnit::MiuMl => "miuml",
            LabUnit::MPerMl => "mml",
        }
    }
}

impl Analyte {
    pub const ALL: [Analyte; 7] =
        [Analyte::TotalT, Analyte::FreeT, Analyte::Lh, Analyte::Fsh, Analyte::E2, Analyte::Shbg, Analyte::Sperm];

    pub fn output(self) -> Output {
        match self {
            Analyte::TotalT => Output::TotalT,
            Analyte::FreeT => Output::FreeT,
            Analyte::Lh => Output::Lh,
            Analyte::Fsh => Output::Fsh,
            Analyte::E2 => Output::E2,
            Analyte::Shbg => Output::Shbg,
            Analyte::Sperm => Output::Sperm,
        }
    }

    pub fn label(self) -> &'static str {
        self.output().label()
    }

    /// The key in a link and in a file.
    pub fn key(self) -> &'static str {
        match self {
            Analyte::TotalT => "tt",
            Analyte::FreeT => "ft",
            Analyte::Lh => "lh",
            Analyte::Fsh => "fsh",
            Analyte::E2 => "e2",
            Analyte::Shbg => "shbg",
            Analyte::Sperm => "sperm",
        }
    }

    /// The analyte's name in a scenario file.
    pub fn file_key(self) -> &'static str {
        match self {
            Analyte::TotalT => "total_t",
            Analyte::FreeT => "free_t",
            Analyte::Lh => "lh",
            Analyte::Fsh => "fsh",
            Analyte::E2 => "e2",
            Analyte::Shbg => "shbg",
            Analyte::Sperm => "sperm",
        }
    }

    pub fn from_key(key: &str) -> Option<Analyte> {
        Analyte::ALL.into_iter().find(|a| a.key() == key)
    }

    /// The units laboratories report it in, the conventional one first.
    pub fn units(self) -> &'static [LabUnit] {
        match self {
            Analyte::TotalT => &[LabUnit::NgDl, LabUnit::NmolL],
            Analyte::FreeT | Analyte::E2 => &[LabUnit::PgMl, LabUnit::PmolL],
            Analyte::Lh | Analyte::Fsh => &[LabUnit::IuL, LabUnit::MiuMl],
            Analyte::Shbg => &[LabUnit::NmolL],
            Analyte::Sperm => &[LabUnit::MPerMl],
        }
    }

    /// A value in `unit` in the model's internal unit (`None` when the analyte is not reported in it).
    pub fn to_internal(self, value: f64, unit: LabUnit) -> Option<f64> {
        if !self.units().contains(&unit) {
            return None;
        }
        Some(match (self, unit) {
            (Analyte::TotalT, LabUnit::NgDl) => units::t_ng_dl_to_nmol(value),
            // Free T is held in nmol/L.
            (Analyte::FreeT, LabUnit::PgMl) => value / units::T_NG_PER_NMOL,
            (Analyte::FreeT, LabUnit::PmolL) => value / 1000.0,
            (Analyte::E2, LabUnit::PgMl) => units::e2_pg_ml_to_pmol(value),
            _ => value,
        })
    }

    /// An internal value in `unit`: the inverse of `to_internal`.
    pub fn from_internal(self, internal: f64, unit: LabUnit) -> f64 {
        internal / self.to_internal(1.0, unit).unwrap_or(1.0)
    }

    /// The range a typed value must fall in, in `unit` (wide: a lab on or off any drug; it guards against
    /// a value in the wrong unit, e.g. testosterone in nmol/L typed as ng/dL).
    pub fn accepted(self, unit: LabUnit) -> (f64, f64) {
        let (lo, hi) = match self {
            Analyte::TotalT => (1.0, 5000.0),
            Analyte::FreeT => (0.5, 1500.0),
            Analyte::Lh | Analyte::Fsh => (0.0, 150.0),
            Analyte::E2 => (0.5, 1000.0),
            Analyte::Shbg => (1.0, 300.0),
            Analyte::Sperm => (0.0, 1000.0),
        };
        let conventional = self.units()[0];
        if unit == conventional {
            return (lo, hi);
        }
        let convert = |v: f64| {
            let internal = self.to_internal(v, conventional).unwrap_or(v);
            self.from_internal(internal, unit)
        };
        (convert(lo), convert(hi))
    }

    /// How far apart two measurements of the same man's blood commonly are, as a standard deviation of
    /// ln(value): assay and within-man variation together. Assumptions (docs/MODEL.md §9), adjustable.
    pub fn log_sd(self) -> f64 {
        match self {
            // Within-man CV of morning total T ~10-15 % (Brambilla 2007).
            Analyte::TotalT => 0.15,
            Analyte::FreeT | Analyte::E2 => 0.2,
            // LH is pulsatile: a single draw can sit on or between pulses.
            Analyte::Lh => 0.25,
            Analyte::Fsh => 0.15,
            Analyte::Shbg => 0.1,
            // Sperm concentration varies widely between a man's samples (CV ~30-50 %, Keel 2006).
            Analyte::Sperm => 0.4,
        }
    }

    /// A floor, internal units, added before taking logs, so a value of zero (azoospermia, LH below the
    /// assay's limit) compares as "very low" rather than as minus infinity.
    pub fn log_floor(self) -> f64 {
        match self {
            Analyte::TotalT => 0.5,
            Analyte::FreeT => 0.01,
            Analyte::Lh | Analyte::Fsh => 0.1,
            Analyte::E2 => 5.0,
            Analyte::Shbg => 1.0,
            Analyte::Sperm => 0.5,
        }
    }
}

/// One measured lab result.
#[derive(Clone, Debug, PartialEq)]
pub struct Measured {
    /// Day of the protocol the blood (or semen) was taken; negative before week 0.
    pub day: f64,
    pub analyte: Analyte,
    pub value: f64,
    pub unit: LabUnit,
}

impl Measured {
    /// The value in the model's internal unit.
    pub fn internal(&self) -> f64 {
        self.analyte.to_internal(self.value, self.unit).unwrap_or(f64::NAN)
    }

    /// Why this result's value cannot be used, in the words of the person who entered it.
    pub fn value_problem(&self) -> Option<String> {
        let a = self.analyte;
        if !a.units().contains(&self.unit) {
            let names: Vec<&str> = a.units().iter().map(|u| u.label()).collect();
            return Some(say(
                "{analyte} is reported in {units}, not {unit}",
                &[("analyte", &a.label()), ("units", &names.join(t(" or "))), ("unit", &self.unit.label())],
            ));
        }
        let (lo, hi) = a.accepted(self.unit);
        if !self.day.is_finite() {
            return Some(t("a result needs the week it was taken").into());
        }
        if !self.value.is_finite() || self.value < lo || self.value > hi {
            return Some(say(
                "{analyte} of {value} {unit} is outside {lo} to {hi} {unit}",
                &[
                    ("analyte", &a.label()),
                    ("value", &units::readable_number(self.value)),
                    ("unit", &self.unit.label()),
                    ("lo", &units::readable_number(lo)),
                    ("hi", &units::readable_number(hi)),
                ],
            ));
        }
        None
    }

    /// Why this result cannot be used with a course simulated from `first_day` to `last_day`: its value, or
    /// a day outside the course. A scenario keeps results outside its course (shortening the chart does
    /// not delete them); they are only not drawn or fitted.
    pub fn problem(&self, first_day: f64, last_day: f64) -> Option<String> {
        self.value_problem().or_else(|| {
            (!self.within(first_day, last_day)).then(|| {
                let week = |day: f64| units::readable_number((day / 7.0 * 10.0).round() / 10.0);
                say(
                    "a result from week {week} is outside the simulated weeks {first} to {last}",
                    &[("week", &week(self.day)), ("first", &week(first_day)), ("last", &week(last_day))],
                )
            })
        })
    }

    /// Whether the result falls within a course simulated from `first_day` to `last_day`.
    pub fn within(&self, first_day: f64, last_day: f64) -> bool {
        self.day >= first_day && self.day <= last_day
    }

    /// What the simulated course `t` gives for this lab at the moment it was taken, in the lab's unit.
    pub fn simulated(&self, t: &Trajectory) -> f64 {
        self.analyte.from_internal(t.at(self.analyte.output(), self.day), self.unit)
    }

    /// The result in a link: `tt_350ngdl_w4` (analyte, value and unit, week).
    pub fn link_word(&self, num: impl Fn(f64) -> String) -> String {
        format!("{}_{}{}_w{}", self.analyte.key(), num(self.value), self.unit.word(), num(self.day / 7.0))
    }

    /// Reads `link_word`'s form back.
    pub fn from_link_word(text: &str) -> Result<Measured, String> {
        let parts: Vec<&str> = text.split('_').collect();
        let [analyte, value, week] = parts[..] else {
            return Err(say(
                "{text} is not a lab result (analyte_valueunit_wWEEK, e.g. tt_350ngdl_w4)",
                &[("text", &format!("{text:?}"))],
            ));
        };
        let analyte = Analyte::from_key(analyte)
            .ok_or_else(|| say("unknown lab {given}", &[("given", &format!("{analyte:?}"))]))?;
        let split = value.find(|c: char| c.is_ascii_alphabetic()).ok_or(t("the result has no unit"))?;
        let unit = LabUnit::ALL
            .into_iter()
            .find(|u| u.word() == &value[split..])
            .ok_or_else(|| say("unknown unit {given}", &[("given", &format!("{:?}", &value[split..]))]))?;
        let number = |text: &str, what: &str| {
            text.parse::<f64>()
                .ok()
                .filter(|v| v.is_finite())
                .ok_or_else(|| say("{what} {text} is not a number", &[("what", &what), ("text", &format!("{text:?}"))]))
        };
        let value = number(&value[..split], t("value"))?;
        let week = number(week.strip_prefix('w').ok_or(t("the result needs its week, e.g. w4"))?, t("week"))?;
        Ok(Measured { day: week * 7.0, analyte, value, unit })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_convert_both_ways() {
        let m = Measured { day: 28.0, analyte: Analyte::TotalT, value: 288.4, unit: LabUnit::NgDl };
        assert!((m.internal() - 10.0).abs() < 1e-9);
        assert!((Analyte::TotalT.from_internal(10.0, LabUnit::NmolL) - 10.0).abs() < 1e-12);
        assert!(
            (Analyte::E2.from_internal(Analyte::E2.to_internal(25.0, LabUnit::PgMl).unwrap(), LabUnit::PmolL) - 91.775)
                .abs()
                < 1e-9
        );
        assert_eq!(Analyte::Lh.to_internal(3.0, LabUnit::MiuMl), Some(3.0));
        assert_eq!(Analyte::Lh.to_internal(3.0, LabUnit::NgDl), None);
    }

    #[test]
    fn a_result_in_the_wrong_unit_is_refused_in_words() {
        let m = Measured { day: 28.0, analyte: Analyte::TotalT, value: 12.0, unit: LabUnit::NgDl };
        assert_eq!(m.problem(-365.0, 168.0), None, "12 ng/dL is very low but possible");
        let m = Measured { value: 12000.0, ..m };
        assert_eq!(
            m.problem(-365.0, 168.0).as_deref(),
            Some("Total testosterone of 12000 ng/dL is outside 1 to 5000 ng/dL")
        );
        let m = Measured { value: 300.0, day: 400.0, ..m };
        assert!(m.problem(-365.0, 168.0).unwrap().contains("outside the simulated weeks"));
    }

    #[test]
    fn link_words_read_back() {
        let m = Measured { day: 28.0, analyte: Analyte::Sperm, value: 0.5, unit: LabUnit::MPerMl };
        let word = m.link_word(|x| format!("{x}"));
        assert_eq!(word, "sperm_0.5mml_w4");
        assert_eq!(Measured::from_link_word(&word), Ok(m));
        assert!(Measured::from_link_word("tt_350_w4").is_err());
    }
}
