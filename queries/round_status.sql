-- The round's tracker, one row per institution it asked: measures, answered, not answered, "nav
-- informācijas" (an empty new note on a measure that is not advanced), returned at and by whom,
-- and the problems of a later file that could not be accepted. After the due date ($today past
-- due_date), the institutions that have answered nothing come first.
with the_round as (
    select * from collection_round where round_id = $round_id
),

assigned as (
    select institution, measure_no, role from round_recipient where round_id = $round_id
),

attempts as (
    select * from round_return where round_id = $round_id
),

latest_accepted as (
    select institution, return_id, collected_at, collected_by
    from attempts
    where n_problems = 0
    qualify row_number() over (partition by institution order by return_id desc) = 1
),

latest_attempt as (
    select institution, return_id, n_problems
    from attempts
    qualify row_number() over (partition by institution order by return_id desc) = 1
),

answers as (
    select l.institution, a.*
    from round_answer as a
    inner join latest_accepted as l using (return_id)
),

base as (
    select m.measure_no, m.status_group
    from measure as m
    inner join the_round as r on m.snapshot_id = r.base_snapshot_id and m.plan_id = r.plan_id
),

per_measure as (
    select
        s.institution,
        s.measure_no,
        s.role,
        coalesce(a.is_answered, false) as is_answered,
        coalesce(a.status_group, b.status_group) as status_group,
        coalesce(a.progress_note, '') as new_note
    from assigned as s
    left join answers as a on a.institution = s.institution and a.measure_no = s.measure_no
    left join base as b on b.measure_no = s.measure_no
),

per_institution as (
    select
        institution,
        count(*) as n_measures,
        count(*) filter (where role = 'lead') as n_lead,
        count(*) filter (where is_answered) as n_answered,
        count(*) filter (where not is_answered) as n_not_answered,
        count(*) filter (where new_note = '' and status_group in ('not_started', 'in_progress')) as n_no_information,
        string_agg(measure_no, ', ' order by
            try_cast(split_part(measure_no, '.', 1) as integer), try_cast(split_part(measure_no, '.', 2) as integer),
            measure_no) filter (where not is_answered) as measures_not_answered
    from per_measure
    group by institution
),

final as (
    select
        p.institution,
        p.n_measures,
        p.n_answered,
        ok.collected_at as returned_at,
        ok.collected_by as returned_by,
        case when la.return_id > coalesce(ok.return_id, 0) then la.n_problems else 0 end as n_problems,
        p.n_not_answered,
        p.n_no_information,
        p.n_lead,
        coalesce(p.measures_not_answered, '') as measures_not_answered,
        case
            when la.return_id is null then 'not_returned'
            when la.return_id > coalesce(ok.return_id, 0) then 'needs_fix'
            else 'returned'
        end as state,
        r.due_date,
        coalesce($today > r.due_date and p.n_answered = 0, false) as is_overdue
    from per_institution as p
    cross join the_round as r
    left join latest_accepted as ok using (institution)
    left join latest_attempt as la using (institution)
)

select * from final
order by is_overdue desc, institution
