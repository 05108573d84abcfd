-- Latvia against the OECD / EU average per indicator, in the latest year both have a value,
-- with the gap in percentage points and the sources of both figures. Averages are recognised
-- by name as in trust_areas.sql (a region or age group is not an average).
with indicators as (
    select indicator, indicator_en, area, year, value, source
    from report_indicators($indicators_snapshot_id)
),

latvia as (
    select * from indicators where lower(area) in ('latvija', 'latvia', 'lv')
),

average as (
    select * from indicators
    where lower(area) not in ('latvija', 'latvia', 'lv')
        and regexp_matches(lower(area), '(\bvidēji\b|\bvideji\b|\baverage\b|\besao\b|\boecd\b|^es\b|^eu\b)')
),

paired as (
    select
        l.indicator,
        l.indicator_en,
        l.year,
        l.value as latvia_pct,
        a.value as average_pct,
        a.area as average_area,
        l.source as latvia_source,
        a.source as average_source,
        row_number() over (partition by l.indicator order by l.year desc, a.area) as recency
    from latvia as l
    inner join average as a on a.indicator = l.indicator and a.year = l.year
),

final as (
    select
        indicator,
        indicator_en,
        year,
        latvia_pct,
        average_pct,
        average_area,
        round(latvia_pct - average_pct, 1) as gap_pp,
        latvia_source,
        average_source
    from paired
    where recency = 1
)

select * from final
order by gap_pp, indicator
