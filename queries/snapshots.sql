-- Every upload, newest first, with whether it is the current one.
with current_pub as (
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
        s.snapshot_id = (select snapshot_id from current_pub) as is_current
    from snapshot as s
)

select * from final
order by snapshot_id desc
