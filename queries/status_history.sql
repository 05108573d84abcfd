-- Status distribution of one plan across every published snapshot, by report date (when two
-- published uploads share a report date, the later upload counts). The sidebar filters apply.
with published as (
    select s.snapshot_id, s.report_date
    from snapshot as s
    where s.snapshot_id in (select snapshot_id from publication)
    qualify row_number() over (partition by s.report_date order by s.snapshot_id desc) = 1
),

measures as (
    select p.report_date, m.snapshot_id, m.status_group
    from measure as m
    inner join published as p using (snapshot_id)
    where ($plan_id is null or m.plan_id = $plan_id)
        and ($commitment_no is null or m.commitment_no = $commitment_no)
        and ($status_group is null or m.status_group = $status_group)
        and (
            $institution is null
            or m.lead_institution = $institution
            or list_contains(m.partner_institutions, $institution)
        )
),

final as (
    select report_date, snapshot_id, status_group, count(*) as n_measures
    from measures
    group by report_date, snapshot_id, status_group
)

select * from final
order by report_date,
    case status_group when 'advanced' then 1 when 'in_progress' then 2 when 'not_started' then 3 else 4 end
