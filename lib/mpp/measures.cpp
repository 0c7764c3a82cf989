#include "mpp/measures.hpp"

#include <cmath>
#include <fmt/format.h>
#include <string>

namespace mpp
{
namespace
{

// The value at 0-based position k of the sorted list a histogram describes.
int nth_value(const std::map<int, long long>& histogram, long long k)
{
    long long seen = 0;
    for (const auto& [value, count] : histogram)
    {
        seen += count;
        if (seen > k)
        {
            return value;
        }
    }
    return histogram.rbegin()->first;
}

long long total_count(const std::map<int, long long>& histogram)
{
    long long n = 0;
    for (const auto& [value, count] : histogram)
    {
        n += count;
    }
    return n;
}

void pool(std::map<int, long long>& into, const std::map<int, long long>& from)
{
    for (const auto& [value, count] : from)
    {
        into[value] += count;
    }
}

} // namespace

double round_to(double value, int decimals)
{
    // Through a decimal string of more places, so that 80.865 is not 80.86499999.
    const double scale = std::pow(10.0, decimals);
    const double scaled = std::round(std::stod(fmt::format("{:.9f}", value * scale)));
    return scaled / scale;
}

std::optional<double> histogram_median(const std::map<int, long long>& histogram)
{
    const long long n = total_count(histogram);
    if (n == 0)
    {
        return std::nullopt;
    }
    return round_to((nth_value(histogram, (n - 1) / 2) + nth_value(histogram, n / 2)) / 2.0, 1);
}

std::optional<int> histogram_percentile(const std::map<int, long long>& histogram, int percent)
{
    const long long n = total_count(histogram);
    if (n == 0)
    {
        return std::nullopt;
    }
    // The smallest v with count(<= v) × 100 >= percent × n.
    long long seen = 0;
    for (const auto& [value, count] : histogram)
    {
        seen += count;
        if (seen * 100 >= percent * n)
        {
            return value;
        }
    }
    return histogram.rbegin()->first;
}

void VisitSums::add(const VisitSums& o)
{
    records += o.records;
    visits += o.visits;
    served += o.served;
    no_show += o.no_show;
    pool(wait_minutes, o.wait_minutes);
    pool(service_minutes, o.service_minutes);
    for (const auto& [day, n] : o.per_day)
    {
        per_day[day] += n;
    }
}

std::optional<double> VisitSums::per_working_day(int working_days) const
{
    if (working_days <= 0)
    {
        return std::nullopt;
    }
    return round_to(static_cast<double>(visits) / working_days, 1);
}

std::optional<Date> VisitSums::busiest_day() const
{
    std::optional<Date> best;
    long long most = 0;
    for (const auto& [day, n] : per_day) // in date order: a later tie does not replace
    {
        if (n > most)
        {
            most = n;
            best = day;
        }
    }
    return best;
}

Grade grade_of(double converted, const SkmGrades& g)
{
    if (converted >= g.a)
    {
        return {'A', "Sangat Baik", "Very good"};
    }
    if (converted >= g.b)
    {
        return {'B', "Baik", "Good"};
    }
    if (converted >= g.c)
    {
        return {'C', "Kurang Baik", "Fair"};
    }
    return {'D', "Tidak Baik", "Poor"};
}

void SurveySums::add(const SurveySums& o)
{
    respondents += o.respondents;
    for (std::size_t u = 0; u < k_unsur; ++u)
    {
        sum[u] += o.sum[u];
        answers[u] += o.answers[u];
    }
}

void SurveySums::add_response(const std::array<std::optional<int>, k_unsur>& given)
{
    ++respondents;
    for (std::size_t u = 0; u < k_unsur; ++u)
    {
        if (given[u])
        {
            sum[u] += *given[u];
            ++answers[u];
        }
    }
}

std::optional<double> SurveySums::nrr(int u) const
{
    const auto i = static_cast<std::size_t>(u);
    if (answers[i] == 0)
    {
        return std::nullopt;
    }
    return static_cast<double>(sum[i]) / static_cast<double>(answers[i]);
}

std::optional<double> SurveySums::ikm() const
{
    double total = 0;
    int counted = 0;
    for (int u = 0; u < k_unsur; ++u)
    {
        if (const auto v = nrr(u))
        {
            total += *v;
            ++counted;
        }
    }
    if (counted == 0)
    {
        return std::nullopt;
    }
    return total / counted;
}

std::optional<double> SurveySums::ikm_converted() const
{
    const auto v = ikm();
    return v ? std::optional<double>(round_to(*v * 25, 2)) : std::nullopt;
}

std::optional<int> SurveySums::weakest() const
{
    std::optional<int> best;
    for (int u = 0; u < k_unsur; ++u)
    {
        const auto v = nrr(u);
        // Compared exactly as fractions: sum_u / answers_u < sum_b / answers_b.
        const auto i = static_cast<std::size_t>(u);
        if (v && (!best || sum[i] * answers[static_cast<std::size_t>(*best)] <
                               sum[static_cast<std::size_t>(*best)] * answers[i]))
        {
            best = u;
        }
    }
    return best;
}

long long krejcie_morgan(long long population)
{
    if (population <= 0)
    {
        return 0;
    }
    const double n = static_cast<double>(population);
    const double s = 3.841 * n * 0.25 / (0.0025 * (n - 1) + 3.841 * 0.25);
    return static_cast<long long>(std::floor(s + 0.5));
}

void ComplaintSums::add(const ComplaintSums& o)
{
    received += o.received;
    resolved += o.resolved;
    rejected += o.rejected;
    open += o.open;
    on_time += o.on_time;
    pool(resolution_days, o.resolution_days);
}

std::optional<double> ComplaintSums::on_time_pct() const
{
    if (resolved == 0)
    {
        return std::nullopt;
    }
    return round_to(100.0 * static_cast<double>(on_time) / static_cast<double>(resolved), 1);
}

} // namespace mpp
