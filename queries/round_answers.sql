-- The answers a round has: each institution's latest return without errors, row by row (what
-- closing the round merges; a later return of the same institution replaces its earlier one).
with latest as (
    select return_id, institution
    from round_return
    where round_id = $round_id and n_problems = 0
    qualify row_number() over (partition by institution order by return_id desc) = 1
)

select
    l.institution,
    a.measure_no,
    a.role,
    a.status_label,
    a.status_group,
    a.status_as_written,
    a.deadline_date,
    a.progress_pct,
    a.progress_note,
    a.is_answered,
    a.return_id,
    a.source_row
from round_answer as a
inner join latest as l using (return_id)
order by l.institution, a.source_row
