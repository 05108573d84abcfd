-- The areas / groups of the current trust indicators, for the trust page's area filter:
-- Latvia first, then the averages (OECD / EU), then the rest in the order of the sheet.
-- is_default marks the chart default: Latvia and the averages (at most 4), or, when the data
-- names neither, its first 3 areas. Averages are recognised by name ("ESAO vidēji",
-- "ES vidēji", "OECD average", ...).
with indicators as (
    select area, source_row
    from report_indicators($indicators_snapshot_id)
),

areas as (
    select
        area,
        lower(area) in ('latvija', 'latvia', 'lv') as is_latvia,
        regexp_matches(lower(area), '(\bvidēji\b|\bvideji\b|\baverage\b|\besao\b|\boecd\b|^es\b|^eu\b)') as is_average,
        count(*) as n_values,
        min(source_row) as first_row
    from indicators
    group by area
),

ranked as (
    select
        *,
        row_number() over (order by not is_latvia, not is_average, first_row, area) as area_rank,
        bool_or(is_latvia or is_average) over () as has_reference
    from areas
),

final as (
    select
        area,
        is_latvia,
        is_average and not is_latvia as is_average,
        n_values,
        case
            when has_reference then (is_latvia or is_average) and area_rank <= 4
            else area_rank <= 3
        end as is_default,
        area_rank
    from ranked
)

select * from final
order by area_rank
