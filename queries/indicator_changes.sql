-- Indicator values that differ between two snapshots: added, removed, value (or unit) changed.
-- A null $from_snapshot_id (no snapshot published yet) makes every value of $to_snapshot_id "added".
with old_rows as (
    select indicator, area, year, value, unit
    from indicator
    where snapshot_id = $from_snapshot_id
),

new_rows as (
    select indicator, area, year, value, unit
    from indicator
    where snapshot_id = $to_snapshot_id
),

joined as (
    select
        coalesce(n.indicator, o.indicator) as indicator,
        coalesce(n.area, o.area) as area,
        coalesce(n.year, o.year) as year,
        o.value as value_before,
        n.value as value_after,
        coalesce(n.unit, o.unit) as unit,
        case
            when o.indicator is null then 'added'
            when n.indicator is null then 'removed'
            when o.value <> n.value or o.unit <> n.unit then 'changed'
        end as change_kind
    from new_rows as n
    full outer join old_rows as o
        on n.indicator = o.indicator and n.area = o.area and n.year = o.year
),

final as (
    select * from joined
    where change_kind is not null
)

select * from final
order by change_kind, indicator, area, year
