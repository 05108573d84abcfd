-- What changed in a plan's report since the report before it, per measure: added, removed, status
-- changed, note changed. $to_snapshot_id null = each plan's current report; $from_snapshot_id null =
-- the plan's previous published report (plan_report), so every plan is compared with its own past.
-- The sidebar filters (null = all) keep a measure when either side matches: its commitment, the
-- institution as lead or partner, or the status group before or after.
with target as (
    select distinct m.plan_id, m.snapshot_id, s.report_date
    from report_measures($to_snapshot_id, $plan_id) as m
    inner join snapshot as s using (snapshot_id)
),

base as (
    select
        t.plan_id,
        coalesce($from_snapshot_id, (
            select max_by(r.snapshot_id, r.report_date)
            from plan_report as r
            where r.plan_id = t.plan_id and r.report_date < t.report_date
        )) as snapshot_id
    from target as t
),

new_rows as (
    select m.*
    from measure as m
    inner join target as t on t.snapshot_id = m.snapshot_id and t.plan_id = m.plan_id
),

old_rows as (
    select m.*
    from measure as m
    inner join base as b on b.snapshot_id = m.snapshot_id and b.plan_id = m.plan_id
),

joined as (
    select
        coalesce(n.plan_id, o.plan_id) as plan_id,
        coalesce(n.measure_no, o.measure_no) as measure_no,
        coalesce(n.measure_title, o.measure_title) as measure_title,
        coalesce(n.lead_institution, o.lead_institution) as lead_institution,
        coalesce(n.commitment_no, o.commitment_no) as commitment_no,
        list_distinct(list_concat(
            coalesce(n.partner_institutions, []), coalesce(o.partner_institutions, [])
        )) as partner_institutions,
        o.status_group as status_group_before,
        n.status_group as status_group_after,
        o.status_label as status_label_before,
        n.status_label as status_label_after,
        o.progress_note as note_before,
        n.progress_note as note_after,
        case
            when o.measure_no is null then 'added'
            when n.measure_no is null then 'removed'
            when o.status_group <> n.status_group or o.status_label <> n.status_label then 'status_changed'
            when o.progress_note <> n.progress_note then 'note_changed'
        end as change_kind
    from new_rows as n
    full outer join old_rows as o
        on n.plan_id = o.plan_id and n.measure_no = o.measure_no
),

final as (
    select
        b.snapshot_id as from_snapshot_id,
        t.snapshot_id as to_snapshot_id,
        j.*
    from joined as j
    inner join target as t using (plan_id)
    inner join base as b using (plan_id)
    where j.change_kind is not null
        and b.snapshot_id is not null
        and ($commitment_no is null or j.commitment_no = $commitment_no)
        and ($status_group is null or j.status_group_before = $status_group or j.status_group_after = $status_group)
        and (
            $institution is null
            or j.lead_institution = $institution
            or list_contains(j.partner_institutions, $institution)
        )
)

select * from final
order by plan_id, change_kind,
    try_cast(split_part(measure_no, '.', 1) as integer), try_cast(split_part(measure_no, '.', 2) as integer),
    measure_no
