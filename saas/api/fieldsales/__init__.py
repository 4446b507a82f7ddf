"""GraphQL of field sales (外勤): check-in and check-out, a rep's day, customers' sites and QR codes."""
