"""E2E tier: the services run as separate processes, started with the commands an operator uses.

Real here: every process, HTTP over loopback, and (where a test says so) RabbitMQ and PostgreSQL.
"""
