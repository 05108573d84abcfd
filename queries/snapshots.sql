-- Every upload, newest first: whether it was ever published and whether it is current.
with publications as (
    select snapshot_id, min(acted_at) as first_published_at, count(*) as n_publications
    from publication
    group by snapshot_id
),

current_pub as (
    select snapshot_id
    from publication
    order by publication_id desc
    limit 1
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
        p.first_published_at,
        p.snapshot_id is not null as is_published,
        s.snapshot_id = (select snapshot_id from current_pub) as is_current
    from snapshot as s
    left join publications as p using (snapshot_id)
)

select * from final
order by snapshot_id desc
