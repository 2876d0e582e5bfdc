//! Unit conversions. The model works in SI-like molar units internally (nmol/L for testosterone,
//! pmol/L for estradiol); conventional clinical units exist only at the edges (CLI, UI, validation).

/// 1 nmol/L of testosterone is 28.84 ng/dL (molar mass 288.4 g/mol).
pub const T_NG_DL_PER_NMOL_L: f64 = 28.84;
/// 1 pg/mL of estradiol is 3.671 pmol/L (molar mass 272.4 g/mol).
pub const E2_PMOL_L_PER_PG_ML: f64 = 3.671;
/// Testosterone molar mass, g/mol (ng/nmol).
pub const T_NG_PER_NMOL: f64 = 288.4;

pub fn t_nmol_to_ng_dl(x: f64) -> f64 {
    x * T_NG_DL_PER_NMOL_L
}
pub fn t_ng_dl_to_nmol(x: f64) -> f64 {
    x / T_NG_DL_PER_NMOL_L
}
/// Free T: pmol/L to pg/mL.
pub fn free_t_pmol_to_pg_ml(x: f64) -> f64 {
    x * T_NG_PER_NMOL / 1000.0
}
pub fn e2_pmol_to_pg_ml(x: f64) -> f64 {
    x / E2_PMOL_L_PER_PG_ML
}
pub fn e2_pg_ml_to_pmol(x: f64) -> f64 {
    x * E2_PMOL_L_PER_PG_ML
}

/// A value as people read it on a lab report: whole numbers from 100, one decimal from 10, two below.
pub fn format_value(v: f64) -> String {
    if v >= 100.0 {
        format!("{v:.0}")
    } else if v >= 10.0 {
        format!("{v:.1}")
    } else {
        format!("{v:.2}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn round_trips() {
        assert!((t_ng_dl_to_nmol(t_nmol_to_ng_dl(17.3)) - 17.3).abs() < 1e-12);
        assert!((e2_pmol_to_pg_ml(e2_pg_ml_to_pmol(25.0)) - 25.0).abs() < 1e-12);
        assert!((t_nmol_to_ng_dl(10.0) - 288.4).abs() < 1e-9);
    }
}
