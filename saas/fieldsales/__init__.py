"""Field sales (外勤): check-ins at customers, visits, plans, work logs, routes, targets."""
