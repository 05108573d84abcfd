-- What changed between two snapshots, per measure: added, removed, status changed, note changed.
-- $from_snapshot_id defaults (null) to the published snapshot before $to_snapshot_id.
-- The sidebar filters (null = all) keep a measure when either side matches: its commitment, the
-- institution as lead or partner, or the status group before or after.
with target as (
    select coalesce($to_snapshot_id, (
        select snapshot_id from publication order by publication_id desc limit 1
    )) as snapshot_id
),

base as (
    select coalesce($from_snapshot_id, (
        select max(p.snapshot_id)
        from publication as p
        inner join snapshot as s on s.snapshot_id = p.snapshot_id
        where s.report_date < (
            select report_date from snapshot where snapshot_id = (select snapshot_id from target)
        )
    )) as snapshot_id
),

new_rows as (
    select * from measure
    where snapshot_id = (select snapshot_id from target)
        and ($plan_id is null or plan_id = $plan_id)
),

old_rows as (
    select * from measure
    where snapshot_id = (select snapshot_id from base)
        and ($plan_id is null or plan_id = $plan_id)
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
    where (select snapshot_id from base) is not null
),

final as (
    select
        (select snapshot_id from base) as from_snapshot_id,
        (select snapshot_id from target) as to_snapshot_id,
        *
    from joined
    where change_kind is not null
        and ($commitment_no is null or commitment_no = $commitment_no)
        and ($status_group is null or status_group_before = $status_group or status_group_after = $status_group)
        and (
            $institution is null
            or lead_institution = $institution
            or list_contains(partner_institutions, $institution)
        )
)

select * from final
order by plan_id, change_kind,
    try_cast(split_part(measure_no, '.', 1) as integer), try_cast(split_part(measure_no, '.', 2) as integer),
    measure_no
