#include "mpp/sla.hpp"

#include "mpp/selection.hpp"

#include <algorithm>

namespace mpp
{

SlaView sla_as_of(const Application& a, const WorkCalendar& cal, Date as_of)
{
    SlaView v;
    const bool decided = a.decided_on.has_value();
    int paused = a.paused_days;
    if (a.paused_since && !decided)
    {
        paused += cal.workdays(std::max(*a.paused_since, a.start_on), as_of);
    }
    v.due_on = cal.due_on(a.start_on, a.sla_days, paused);
    if (decided)
    {
        v.elapsed = cal.elapsed(a.start_on, *a.decided_on, a.paused_days);
        if (a.status != "cancelled")
        {
            v.on_time = *a.decided_on <= a.due_on;
        }
        return v;
    }
    v.elapsed = cal.elapsed(a.start_on, as_of, paused);
    v.overdue = open_past_due(a, v.due_on, as_of);
    return v;
}

} // namespace mpp
