"""The competency pages: a member's own, a supervisor's team, the coordinators' and
administrators' figures, and the frameworks."""
