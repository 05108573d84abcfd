-- Every publish, restore and withdrawal, newest first, with the upload it concerns and the parts it
-- set: 'measures:PLAN', 'schedule:PLAN', 'indicators', each with the upload that holds it after
-- (an empty holder: the part was emptied).
with parts as (
    select
        publication_id,
        list(part || if(plan_id = '', '', ':' || plan_id) || ' → ' || coalesce(cast(snapshot_id as varchar), '–')
             order by part, plan_id) as parts
    from publication_part
    group by publication_id
),

final as (
    select
        l.publication_id,
        l.acted_at,
        l.action,
        l.acted_by,
        l.snapshot_id,
        s.report_date,
        s.file_name,
        coalesce(p.parts, []) as parts,
        l.publication_id = (select max(publication_id) from publication) as is_latest
    from publication as l
    left join snapshot as s using (snapshot_id)
    left join parts as p using (publication_id)
)

select * from final
order by publication_id desc
