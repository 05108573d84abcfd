-- Every file collected in a round, newest first: who sent it (the institution the file names), who
-- collected it and when, its sha256, its problems; is_current marks the return each institution's
-- answers come from now (its latest one without errors).
with attempts as (
    select
        *,
        n_problems = 0 as is_accepted,
        row_number() over (partition by institution, n_problems = 0 order by return_id desc) = 1
            and n_problems = 0 as is_current
    from round_return
    where round_id = $round_id
)

select
    return_id,
    institution,
    file_name,
    sha256,
    collected_at,
    collected_by,
    n_problems,
    is_accepted,
    is_current,
    problems
from attempts
order by return_id desc
