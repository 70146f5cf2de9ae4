// Calendar dates and RFC 3339 timestamps: the one parser behind CL205's expiry dates,
// --now and the config's waiver `expires`. Part of src/base, the lowest layer: it
// includes nothing of ours.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace certlint::base {

// Gregorian leap years: every fourth year, except centuries not divisible by 400.
[[nodiscard]] bool is_leap_year(std::int64_t year);
// The days of `month` (1 to 12) in `year`; 0 for a month outside 1 to 12.
[[nodiscard]] int days_in_month(std::int64_t year, int month);
// Days since 1970-01-01 of a proleptic Gregorian date (negative before it). The date must
// be on the calendar (see days_in_month).
[[nodiscard]] std::int64_t days_from_civil(std::int64_t year, unsigned month, unsigned day);

// Seconds since the epoch (UTC) of midnight of a date written exactly YYYY-MM-DD and on
// the calendar (2026-02-29 is not); nullopt otherwise.
[[nodiscard]] std::optional<std::int64_t> parse_date(std::string_view text);

// Seconds since the epoch (UTC) of an RFC 3339 timestamp with its zone
// ("2026-11-01T00:00:00Z", "t"/"z"/" " accepted, fractional seconds ignored, numeric
// offsets "+02:00") or of a plain date (see parse_date); nullopt otherwise.
[[nodiscard]] std::optional<std::int64_t> parse_rfc3339(std::string_view text);

// "YYYY-MM-DDTHH:MM:SSZ" of seconds since the epoch.
[[nodiscard]] std::string format_rfc3339(std::int64_t epoch_seconds);

}  // namespace certlint::base
