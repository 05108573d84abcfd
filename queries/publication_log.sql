-- Every publish and rollback, newest first, with the snapshot it made current.
with log as (
    select publication_id, snapshot_id, action, acted_at, acted_by
    from publication
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
        l.publication_id = (select max(publication_id) from publication) as is_current
    from log as l
    left join snapshot as s using (snapshot_id)
)

select * from final
order by publication_id desc
