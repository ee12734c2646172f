"""The outbox: outbox stores a post whole and reports on it, plan splits it into batches
within the provider's limits, run sends the due batches (send_queued) with batches,
connections, sending (one SMTP transaction) or graph_route (one Microsoft Graph sendMail),
receipts and settling (batches whose answer was lost) and finish (the Sent copy).
"""
