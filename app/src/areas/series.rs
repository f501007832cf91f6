//! Pure functions over indicator time series: what a chart shows and how values change.
//! Periods are `"2024"` (a year) or `"2024-06"` (a month); both sort correctly as text.

/// Charts with more points than this show yearly averages instead of months.
pub const MAX_CHART_POINTS: usize = 36;

/// The points a chart draws: the series as it is, or — when it holds more than `max_points`
/// monthly values — one average per year, so ten years of months stay readable (and small).
/// Returns the points and whether they are yearly averages.
pub fn chart_points(points: &[(String, f64)], max_points: usize) -> (Vec<(String, f64)>, bool) {
    let monthly = points.iter().filter(|(p, _)| p.len() == 7).count();
    if points.len() <= max_points || monthly == 0 {
        return (points.to_vec(), false);
    }
    let mut years: Vec<(String, f64, usize)> = Vec::new();
    for (period, value) in points {
        let year = &period[..period.len().min(4)];
        match years.last_mut() {
            Some((y, sum, n)) if y == year => {
                *sum += value;
                *n += 1;
            }
            _ => years.push((year.to_string(), *value, 1)),
        }
    }
    let averaged = years
        .into_iter()
        .map(|(year, sum, n)| (year, sum / n as f64))
        .collect();
    (averaged, true)
}

/// The same period one year earlier: `"2025"` → `"2024"`, `"2025-03"` → `"2024-03"`.
pub fn year_before(period: &str) -> Option<String> {
    years_before(period, 1)
}

/// The same period `years` earlier: `"2025-03"` → `"2023-03"` for two years.
pub fn years_before(period: &str, years: u32) -> Option<String> {
    let (year, rest) = period.split_at(period.len().min(4));
    let year: u32 = year.parse().ok()?;
    Some(format!("{}{rest}", year.checked_sub(years)?))
}

/// How much the latest value changed against the same period a year before it.
/// None without a latest value or without a value exactly one year earlier (a gap is
/// not guessed over). `points` must be sorted by period.
pub fn change_over_year(points: &[(String, f64)]) -> Option<f64> {
    let (latest_period, latest) = points.last()?;
    let target = year_before(latest_period)?;
    let (_, earlier) = points.iter().find(|(p, _)| *p == target)?;
    Some(latest - earlier)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn series(points: &[(&str, f64)]) -> Vec<(String, f64)> {
        points.iter().map(|(p, v)| (p.to_string(), *v)).collect()
    }

    #[test]
    fn short_series_are_drawn_as_they_are() {
        let yearly = series(&[("2023", 1.0), ("2024", 2.0)]);
        assert_eq!(chart_points(&yearly, 36), (yearly.clone(), false));
        assert_eq!(chart_points(&[], 36), (vec![], false));
        let one = series(&[("2024-06", 4.0)]);
        assert_eq!(chart_points(&one, 36), (one.clone(), false));
    }

    #[test]
    fn long_monthly_series_become_yearly_averages() {
        let mut months = Vec::new();
        for year in 2020..2024 {
            for month in 1..=12 {
                months.push((
                    format!("{year}-{month:02}"),
                    (year - 2020) as f64 * 10.0 + month as f64,
                ));
            }
        }
        // A gap: 2024 only has two months.
        months.push(("2024-01".into(), 100.0));
        months.push(("2024-03".into(), 110.0));
        let (points, yearly) = chart_points(&months, 36);
        assert!(yearly);
        assert_eq!(points.len(), 5);
        assert_eq!(points[0], ("2020".to_string(), 6.5));
        assert_eq!(points[3], ("2023".to_string(), 36.5));
        assert_eq!(points[4], ("2024".to_string(), 105.0));
        // Long yearly series are never averaged.
        let years: Vec<_> = (1980..2025).map(|y| (y.to_string(), 1.0)).collect();
        assert!(!chart_points(&years, 36).1);
    }

    #[test]
    fn change_against_the_same_period_a_year_before() {
        assert_eq!(year_before("2025"), Some("2024".into()));
        assert_eq!(year_before("2025-03"), Some("2024-03".into()));
        assert_eq!(year_before("nonsense"), None);

        assert_eq!(change_over_year(&[]), None);
        assert_eq!(change_over_year(&series(&[("2025", 7.0)])), None);
        let rising = series(&[("2023", 5.0), ("2024", 6.0), ("2025", 8.5)]);
        assert_eq!(change_over_year(&rising), Some(2.5));
        let falling = series(&[("2024-05", 9.0), ("2024-06", 8.0), ("2025-05", 7.0)]);
        assert_eq!(change_over_year(&falling), Some(-2.0));
        // A gap at exactly one year earlier: no guess.
        let gap = series(&[("2022", 5.0), ("2025", 9.0)]);
        assert_eq!(change_over_year(&gap), None);
        let flat = series(&[("2024", 3.0), ("2025", 3.0)]);
        assert_eq!(change_over_year(&flat), Some(0.0));
    }
}
