-- Every current trust indicator value (or $indicators_snapshot_id's) in the order of the workbook (row, then year):
-- the data page's table. $limit / $offset give one page of it for the screen; null (the
-- download) means every row.
with indicators as (
    select *
    from report_indicators($indicators_snapshot_id)
),

final as (
    select
        indicator,
        indicator_en,
        area,
        year,
        value,
        unit,
        source,
        source_row
    from indicators
)

select * exclude (source_row) from final
order by source_row, year
limit $limit
offset $offset
