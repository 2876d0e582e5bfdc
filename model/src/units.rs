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
    let s = if v >= 100.0 {
        format!("{v:.0}")
    } else if v >= 10.0 {
        format!("{v:.1}")
    } else {
        format!("{v:.2}")
    };
    crate::lang::number(s)
}

/// Draw weeks as typed ("0, 4, 8, 12"), at most 12, each within ten years of day 0. Where the page writes
/// a decimal comma, a comma inside a number is its decimal mark ("2,5" is two and a half weeks, as in every
/// other field) and the weeks are separated by spaces, semicolons or a comma and a space; "4,8,12" is then
/// refused rather than read as one week or three.
pub fn parse_weeks(text: &str) -> Result<Vec<f64>, String> {
    let parts: Vec<&str> = if crate::lang::decimal_comma() {
        text.split([' ', ';', '\t']).map(|p| p.trim_matches(',')).collect()
    } else {
        text.split([',', ' ', ';', '\t']).collect()
    };
    let mut weeks = Vec::new();
    for part in parts.into_iter().map(str::trim).filter(|p| !p.is_empty()) {
        let w = parse_typed_number(part)
            .map_err(|_| crate::lang::say("{part} is not a week number", &[("part", &format!("{part:?}"))]))?;
        if !(-520.0..=520.0).contains(&w) {
            return Err(crate::lang::say("week {w} is outside -520..520", &[("w", &w)]));
        }
        weeks.push(w);
    }
    if weeks.is_empty() || weeks.len() > 12 {
        return Err(crate::lang::t("give between 1 and 12 weeks, separated by commas").into());
    }
    Ok(weeks)
}

/// Draw weeks as the field shows them: "0, 4, 8, 12", with the language's decimal mark.
pub fn format_weeks(weeks: &[f64]) -> String {
    weeks.iter().map(|w| crate::lang::number(w.to_string())).collect::<Vec<_>>().join(", ")
}

/// A number as typed by a person, read strictly: "2.5" and "2,5" are two and a half, "1500" is fifteen
/// hundred, but "1,500" (a thousands comma, or a decimal comma with three decimals?) is refused as
/// ambiguous, and anything with letters ("12abc", "inf") is refused rather than half-read. The error is a
/// sentence for the person who typed it.
pub fn parse_typed_number(text: &str) -> Result<f64, String> {
    let t = text.trim();
    if t.is_empty() {
        return Err(crate::lang::t("type a number").into());
    }
    let digits_only = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    // Where the page writes a decimal comma, "1.500" is as likely fifteen hundred as one and a half, and so is
    // "1,500" for a reader used to thousands commas.
    let two_ways = |whole: &str, fraction: &str| {
        let decimal = format!("{whole}.{}", fraction.trim_end_matches('0'));
        crate::lang::say(
            "\"{text}\" could be read two ways ({thousands} or {decimal}): type the number without a thousands separator",
            &[("text", &t), ("thousands", &format!("{whole}{fraction}")), ("decimal", &decimal.trim_end_matches('.'))],
        )
    };
    if let Some((whole, fraction)) = t.split_once('.').filter(|_| crate::lang::decimal_comma()) {
        if digits_only(whole.strip_prefix(['-', '+']).unwrap_or(whole)) && digits_only(fraction) && fraction.len() == 3
        {
            return Err(two_ways(whole, fraction));
        }
    }
    let normal = match t.split_once(',') {
        None => t.to_string(),
        Some((whole, fraction)) => {
            let whole_digits = whole.strip_prefix(['-', '+']).unwrap_or(whole);
            if !digits_only(whole_digits) || !digits_only(fraction) {
                return Err(crate::lang::say("\"{text}\" is not a number", &[("text", &t)]));
            }
            if fraction.len() == 3 && crate::lang::decimal_comma() {
                return Err(two_ways(whole, fraction));
            }
            if fraction.len() == 3 {
                return Err(crate::lang::say(
                    "\"{text}\" could be read two ways: type {whole}{fraction} or {whole}.{fraction}",
                    &[("text", &t), ("whole", &whole), ("fraction", &fraction)],
                ));
            }
            format!("{whole}.{fraction}")
        }
    };
    let well_formed = {
        let body = normal.strip_prefix(['-', '+']).unwrap_or(&normal);
        let (mantissa, exponent) = match body.split_once(['e', 'E']) {
            Some((m, e)) => (m, Some(e.strip_prefix(['-', '+']).unwrap_or(e))),
            None => (body, None),
        };
        let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        (digits_only(int) || (int.is_empty() && digits_only(frac)))
            && (frac.is_empty() || digits_only(frac))
            && exponent.is_none_or(digits_only)
    };
    match normal.parse::<f64>() {
        Ok(v) if well_formed && v.is_finite() => Ok(v),
        _ => Err(crate::lang::say("\"{text}\" is not a number", &[("text", &t)])),
    }
}

/// A number in a message: as typed for everyday sizes, in scientific notation when it is huge or tiny
/// (1e308 is not 309 digits).
pub fn readable_number(x: f64) -> String {
    if x != 0.0 && (x.abs() >= 1e7 || x.abs() < 1e-4) {
        format!("{x:e}")
    } else {
        format!("{x}")
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

    #[test]
    fn typed_numbers_are_read_strictly() {
        assert_eq!(parse_typed_number(" 2.5 "), Ok(2.5));
        assert_eq!(parse_typed_number("2,5"), Ok(2.5));
        assert_eq!(parse_typed_number("-156"), Ok(-156.0));
        assert_eq!(parse_typed_number(".5"), Ok(0.5));
        assert_eq!(parse_typed_number("1e3"), Ok(1000.0));
        assert_eq!(parse_typed_number("1500"), Ok(1500.0));
        assert!(parse_typed_number("1,500").unwrap_err().contains("two ways: type 1500 or 1.500"));
        for bad in ["12abc", "", "inf", "NaN", "1.2.3", "2,5,0", "0x10", "1e999", "--1", "1,", ",5"] {
            assert!(parse_typed_number(bad).is_err(), "{bad:?} was accepted");
        }
    }

    #[test]
    fn huge_numbers_read_as_powers_of_ten() {
        assert_eq!(readable_number(1e308), "1e308");
        assert_eq!(readable_number(-1092.0), "-1092");
        assert_eq!(readable_number(0.001), "0.001");
    }
}
