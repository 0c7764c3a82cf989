#pragma once
// The SLA view of one application judged on a date (data.md "SLA"): due date with an open
// pause, elapsed working days, on time, overdue.
#include "mpp/application.hpp"
#include "mpp/workdays.hpp"

namespace mpp
{

// The SLA figures of an application judged on a date (data.md, SLA).
struct SlaView
{
    Date due_on;                 // with an open pause counted up to the date
    int elapsed = 0;             // working days, less pauses (at the decision when decided)
    std::optional<bool> on_time; // for completed and rejected
    bool overdue = false;        // open and past its due date
};

// The SLA of an application as of a date.
SlaView sla_as_of(const Application& app, const WorkCalendar& calendar, Date as_of);

} // namespace mpp
