"""The audit over mined tables: year-over-year recurrence of problems, the cross-city
view, ad-hoc SQL and the HTML report (issue 7)."""
