-- The current trust indicators (or $indicators_snapshot_id's) in the order of the sheet, with how many values,
-- areas and years each has (the trust page's indicator selector and the data page's count).
with indicators as (
    select indicator, indicator_en, area, year, source_row
    from report_indicators($indicators_snapshot_id)
),

final as (
    select
        indicator,
        any_value(indicator_en order by source_row) as indicator_en,
        count(*) as n_values,
        count(distinct area) as n_areas,
        min(year) as first_year,
        max(year) as last_year,
        min(source_row) as first_row
    from indicators
    group by indicator
)

select * from final
order by first_row, indicator
