-- Every upload, newest first: what it contains (its parts), whether it was ever published, and
-- which parts of the published state it holds now. parts / current_parts are lists of
-- 'measures:PLAN', 'schedule:PLAN' and 'indicators'.
with publications as (
    select snapshot_id, min(acted_at) as first_published_at, count(*) as n_publications
    from publication
    group by snapshot_id
),

contents as (
    select snapshot_id, part, plan_id from (
        select distinct snapshot_id, 'measures' as part, plan_id from measure
        union all
        select distinct snapshot_id, 'schedule' as part, plan_id from schedule
        union all
        select distinct snapshot_id, 'indicators' as part, '' as plan_id from indicator
    )
),

parts as (
    select
        snapshot_id,
        list(part || if(plan_id = '', '', ':' || plan_id) order by part, plan_id) as parts,
        list(distinct plan_id order by plan_id) filter (where part = 'measures') as plans
    from contents
    group by snapshot_id
),

held as (
    select snapshot_id, list(part || if(plan_id = '', '', ':' || plan_id) order by part, plan_id) as current_parts
    from current_part
    group by snapshot_id
),

final as (
    select
        s.snapshot_id,
        s.report_date,
        s.uploaded_at,
        s.uploaded_by,
        s.file_name,
        s.n_measures,
        s.n_indicators,
        s.n_schedule,
        s.sha256,
        coalesce(pa.plans, []) as plans,
        coalesce(pa.parts, []) as parts,
        coalesce(h.current_parts, []) as current_parts,
        p.first_published_at,
        p.snapshot_id is not null as is_published,
        h.snapshot_id is not null as is_current
    from snapshot as s
    left join publications as p using (snapshot_id)
    left join parts as pa using (snapshot_id)
    left join held as h using (snapshot_id)
)

select * from final
order by snapshot_id desc
