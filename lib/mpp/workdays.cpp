#include "mpp/workdays.hpp"

#include <algorithm>

namespace mpp
{
namespace
{

// The precomputed range of the engine: other dates are computed day by day.
const Date k_table_first = *make_date(2000, 1, 1);
const Date k_table_last = *make_date(2100, 12, 31);

int year_of(Date date)
{
    int y = 0;
    int m = 0;
    int d = 0;
    civil(date, y, m, d);
    return y;
}

} // namespace

WorkCalendar::WorkCalendar(const std::vector<int>& workweek, bool collective_leave_is_holiday,
                           const std::vector<Holiday>& holidays)
    : m_workweek(8, false), m_base(k_table_first)
{
    for (const int d : workweek)
    {
        m_workweek.at(static_cast<std::size_t>(d)) = true;
    }
    for (const Holiday& h : holidays)
    {
        if (h.kind != "collective_leave" || collective_leave_is_holiday)
        {
            m_holidays.push_back(h.date);
        }
        if (h.kind == "national")
        {
            m_years.push_back(year_of(h.date));
        }
    }
    std::sort(m_holidays.begin(), m_holidays.end());
    std::sort(m_years.begin(), m_years.end());
    m_years.erase(std::unique(m_years.begin(), m_years.end()), m_years.end());
    const auto days = static_cast<std::size_t>(k_table_last.days - k_table_first.days + 1);
    m_cum.resize(days);
    std::int32_t count = 0;
    for (std::size_t i = 0; i < days; ++i)
    {
        count += compute_working(Date{m_base.days + static_cast<int>(i)}) ? 1 : 0;
        m_cum[i] = count;
    }
}

bool WorkCalendar::compute_working(Date date) const
{
    return m_workweek[static_cast<std::size_t>(iso_weekday(date))] &&
           !std::binary_search(m_holidays.begin(), m_holidays.end(), date);
}

bool WorkCalendar::in_table(Date date) const
{
    return date >= k_table_first && date <= k_table_last;
}

std::int64_t WorkCalendar::index(Date date) const
{
    return date.days - m_base.days;
}

bool WorkCalendar::is_working_day(Date date) const
{
    if (!in_table(date))
    {
        return compute_working(date);
    }
    const auto i = static_cast<std::size_t>(index(date));
    return m_cum[i] - (i == 0 ? 0 : m_cum[i - 1]) == 1;
}

int WorkCalendar::workdays(Date a, Date b) const
{
    if (b <= a)
    {
        return 0;
    }
    if (in_table(a) && in_table(b))
    {
        return m_cum[static_cast<std::size_t>(index(b))] -
               m_cum[static_cast<std::size_t>(index(a))];
    }
    int count = 0;
    for (Date d{a.days + 1}; d <= b; d.days++)
    {
        count += is_working_day(d) ? 1 : 0;
    }
    return count;
}

Date WorkCalendar::start_day(Date date) const
{
    if (m_cum.back() == 0 && in_table(date))
    {
        return date; // no working day at all: nothing sensible to move to
    }
    Date d = date;
    while (!is_working_day(d))
    {
        d.days++;
    }
    return d;
}

Date WorkCalendar::add_workdays(Date start, int n) const
{
    if (n <= 0)
    {
        return start;
    }
    if (in_table(start))
    {
        const std::int32_t target = m_cum[static_cast<std::size_t>(index(start))] + n;
        const auto from = m_cum.begin() + index(start) + 1;
        const auto it = std::lower_bound(from, m_cum.end(), target);
        if (it != m_cum.end())
        {
            return Date{m_base.days + static_cast<int>(it - m_cum.begin())};
        }
    }
    Date d = start;
    for (int left = n; left > 0;)
    {
        d.days++;
        left -= is_working_day(d) ? 1 : 0;
    }
    return d;
}

int WorkCalendar::paused(Date start, const std::vector<Pause>& pauses, Date as_of) const
{
    int total = 0;
    for (const Pause& p : pauses)
    {
        const Date from = std::max(p.entered, start);
        const Date to = p.left ? std::min(*p.left, as_of) : as_of;
        total += workdays(from, to);
    }
    return total;
}

Date WorkCalendar::due_on(Date start, int sla_days, int paused_days) const
{
    return add_workdays(start, sla_days + paused_days);
}

int WorkCalendar::elapsed(Date start, Date decision, int paused_days) const
{
    return std::max(0, workdays(start, decision) - paused_days);
}

bool WorkCalendar::covers(Date date) const
{
    return std::binary_search(m_years.begin(), m_years.end(), year_of(date));
}

} // namespace mpp
