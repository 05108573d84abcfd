-- The current trust indicators (or $indicators_snapshot_id's): every value per indicator, area and year, with its source.
-- $indicators and $areas (lists) narrow it to what the trust page shows; null means all.
-- Latvia sorts first, then the averages.
with indicators as (
    select *
    from report_indicators($indicators_snapshot_id)
    where ($indicators is null or list_contains($indicators, indicator))
        and ($areas is null or list_contains($areas, area))
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
        lower(area) in ('latvija', 'latvia', 'lv') as is_latvia,
        min(source_row) over (partition by indicator) as indicator_order
    from indicators
)

select * exclude (indicator_order) from final
order by indicator_order, not is_latvia, area, year
