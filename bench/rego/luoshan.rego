# The Luoshan rubric (/work/shared/spec/rubric.md) in Rego, for regorus.
#
# Two entry points, each evaluated once per record:
#
#   data.luoshan.staff_result   input: {"staff": <staff record of the facts file>,
#                                       "window_cards": <red/yellow cards of all staff of its window>}
#                               result: {"total", "attendance", "band", "eligible"}
#   data.luoshan.window_result  input: {"window": <window record>,
#                                       "staff": [[<attendance of a staff member, in hundredths>, <their workdays>], ...],
#                                       "staff_cards": <red/yellow cards of its staff>}
#                               result: {"total", "band", "eligible"}
#
# The host (src/bin/rego.rs) sums the cards per window before scoring the
# staff, and hands each window the attendance scores its staff got from
# staff_result; the workdays-weighted average itself is computed here.
#
# Numbers. regorus holds integers exactly (i64/u64/big integers) and any
# fraction as an f64. So every quantity is turned into integer hundredths of
# a point at the boundary, round(x * 100), exact for the inputs of io.md (at
# most two decimals), and all arithmetic after that is on integers: totals
# come back in hundredths, and the average is rounded half away from zero by
# integer division. No float ever reaches a total.

package luoshan

import rego.v1

# ---------------------------------------------------------------------------
# Reading facts, in hundredths
# ---------------------------------------------------------------------------

cents(x) := round(x * 100)

# A record's facts, each once in hundredths: a count or days as itself, an
# amounts list as its sum (the points of the assessed cases), levels per
# level. Only the facts given are converted; a missing one reads as 0 below.
hundredths(x) := cents(x) if is_number(x)

hundredths(x) := sum([c | some a in x; c := cents(a)]) if is_array(x)

hundredths(x) := {level: c | some level, n in x; c := cents(n)} if is_object(x)

facts_in_hundredths(facts) := {name: v | some name, x in facts; v := hundredths(x)}

# ---------------------------------------------------------------------------
# Staff (附件1)
# ---------------------------------------------------------------------------

sf := facts_in_hundredths(object.get(input.staff, "facts", {}))

# max(0, points − deductions): 扣完为止. Points and deductions in hundredths.
discipline := max([0, 2000 - (
	object.get(sf, "rude_conduct", 0)
	+ object.get(sf, "attire_violations", 0)
	+ object.get(sf, "badge_missed_twice", 0)
	+ object.get(sf, "disobedience", 0)
	+ 5 * object.get(sf, "off_task", 0)
	+ 5 * object.get(sf, "prohibited_acts", 0)
	+ 3 * object.get(sf, "missed_study", 0)
)])

staff_service := max([0, 2000 - (
	object.get(sf, "inquiry_failures", 0)
	+ 2 * object.get(sf, "overdue_cases", 0)
	+ 5 * object.get(sf, "overdue_joint_cases", 0)
	+ object.get(sf, "platform_lapses", 0)
	+ object.get(sf, "integration_lapses", 0)
)])

# −0.5 for each mid-day leave beyond 6 in the quarter.
midday_beyond := max([0, object.get(sf, "midday_leaves", 0) - 600])

attendance := max([0, 2500 - (
	3 * object.get(sf, "late_early_away", 0)
	+ 10 * object.get(sf, "absent_days", 0)
	+ 10 * object.get(sf, "unpunched", 0)
	+ object.get(sf, "personal_leave_days", 0)
	+ object.get(sf, "sick_leave_days", 0) / 2
	+ midday_beyond / 2
	+ object.get(sf, "long_midday_leaves", 0) / 2
	+ 10 * object.get(sf, "unsigned_leave_days", 0)
	+ object.get(sf, "outsiders_admitted", 0)
)])

gov_service := max([0, 2000 - (
	5 * object.get(sf, "verified_complaints", 0)
	+ object.get(sf, "buck_passing", 0)
	+ 10 * object.get(sf, "buck_passing_harm", 0)
	+ 3 * object.get(sf, "service_lapses", 0)
)])

civility := max([0, 1500 - (
	object.get(sf, "desk_untidy", 0) / 2
	+ object.get(sf, "littering", 0) / 2
	+ 2 * object.get(sf, "appliances", 0)
	+ object.get(sf, "volunteer_refusals", 0)
)])

chief_rep if input.staff.role == "chief_rep"

window_cards := cents(input.window_cards)

cards := object.get(sf, "red_yellow_cards", 0)

# −100 per card in the window, to every chief_rep of that window.
default chief_cards := 0

chief_cards := 100 * window_cards if chief_rep

exposures := (
	50 * object.get(sf, ["exposures", "county"], 0)
	+ 100 * object.get(sf, ["exposures", "city"], 0)
	+ 100 * object.get(sf, ["exposures", "province"], 0)
	+ 100 * object.get(sf, ["exposures", "national"], 0)
)

# Outside the categories, never floored.
penalties := 0 - exposures - 50 * cards - chief_cards

staff_bonus := (
	object.get(sf, "praise_messages", 0) / 2
	+ 2 * object.get(sf, "banners", 0)
	+ object.get(sf, "good_deeds", 0) / 2
	+ object.get(sf, "exemplary_deeds", 0)
	+ object.get(sf, "adopted_suggestions", 0)
	+ object.get(sf, "competition_awards", 0)
	+ 2 * object.get(sf, ["news_articles", "county"], 0)
	+ 3 * object.get(sf, ["news_articles", "city"], 0)
	+ 5 * object.get(sf, ["news_articles", "province"], 0)
	+ 10 * object.get(sf, ["news_articles", "national"], 0)
)

staff_total := discipline + staff_service + attendance + gov_service + civility + penalties + staff_bonus

staff_band := "competent" if {
	staff_total >= 8000
} else := "basic" if {
	staff_total >= 6000
} else := "unfit"

# Vetoes of 优秀.
staff_vetoed if cards > 0

staff_vetoed if {
	chief_rep
	window_cards > 0
}

# An exposure bars a person only at year end (第二十二条); a serious breach bars 优秀.
staff_vetoed if object.get(sf, "prohibited_serious", 0) > 0

staff_vetoed if cents(object.get(input.staff, "days_away", 0)) >= 500

default staff_eligible := false

staff_eligible if not staff_vetoed

staff_result := {
	"total": staff_total,
	"attendance": attendance,
	"band": staff_band,
	"eligible": staff_eligible,
}

# ---------------------------------------------------------------------------
# Windows (附件2)
# ---------------------------------------------------------------------------

wf := facts_in_hundredths(object.get(input.window, "facts", {}))

conduct := max([0, 2000 - (
	5 * object.get(wf, "disobedience", 0)
	+ 5 * object.get(wf, "staffing_violations", 0)
	+ object.get(wf, "staff_discipline", 0)
	+ 5 * object.get(wf, "frequent_complaints", 0)
)])

window_service := max([0, 1500 - (
	5 * object.get(wf, "disputes", 0)
	+ 5 * object.get(wf, "overdue_cases", 0)
	+ object.get(wf, "housekeeping", 0)
)])

# Σ(score·workdays)/Σ(workdays), rounded to 2 places half away from zero.
# Scores are in hundredths and workdays in half days, so both sums are
# integers and the rounding is integer division (every term is ≥ 0).
weighted_sum := sum([p | some pair in input.staff; p := pair[0] * round(pair[1] * 2)])

workday_halves := sum([h | some pair in input.staff; h := round(pair[1] * 2)])

window_attendance := avg if {
	workday_halves > 0
	r := weighted_sum % workday_halves
	quotient := (weighted_sum - r) / workday_halves
	avg := quotient + to_number((2 * r) >= workday_halves)
}

approval := max([0, 2000 - (
	object.get(wf, "publication_lapses", 0)
	+ object.get(wf, "centralization_lapses", 0)
	+ object.get(wf, "online_lapses", 0)
	+ object.get(wf, "one_window_lapses", 0)
)])

optimization := max([0, 2000 - (
	object.get(wf, "joint_lapses", 0)
	+ 10 * object.get(wf, "joint_delays", 0)
	+ 2 * object.get(wf, "dissatisfied_reviews", 0)
	+ object.get(wf, "verified_complaints", 0)
)])

window_bonus := (
	5 * object.get(wf, "written_praise", 0)
	+ 5 * object.get(wf, "adopted_suggestions", 0)
	+ 5 * object.get(wf, ["media_reports", "county"], 0)
	+ 10 * object.get(wf, ["media_reports", "city"], 0)
	+ 10 * object.get(wf, ["media_reports", "province"], 0)
	+ 10 * object.get(wf, ["media_reports", "national"], 0)
)

window_total := conduct + window_service + window_attendance + approval + optimization + window_bonus

window_band := "good" if {
	window_total >= 8000
} else := "fair" if {
	window_total >= 6000
} else := "poor"

# Vetoes of 红旗.
window_vetoed if input.staff_cards > 0

window_vetoed if {
	some n in object.get(wf, "exposures", {})
	n > 0
}

default window_eligible := false

window_eligible if not window_vetoed

window_result := {
	"total": window_total,
	"band": window_band,
	"eligible": window_eligible,
}
