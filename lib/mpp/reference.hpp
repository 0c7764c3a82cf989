#pragma once
// Application references from `reference.template` (data.md "References").
#include "mpp/datetime.hpp"
#include "mpp/settings.hpp"

#include <string>

namespace mpp
{

// Makes references from `reference.template`; the sequence runs per key (the template
// expanded without {seq}).
class ReferenceMaker
{
  public:
    ReferenceMaker(const OfficeSettings& office);
    // The key and the text around {seq} for an application submitted on a local date.
    struct Parts
    {
        std::string prefix;
        std::string suffix;
        int width = 1;
    };
    Parts parts(Date submitted_on, const std::string& agency, const std::string& service) const;

  private:
    std::string m_template;
    std::string m_office;
};

} // namespace mpp
