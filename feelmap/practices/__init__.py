"""Practices: breathing pacer, body scan, senses re-awakening and the daily plan.

The modules here (pacer, bodyscan, activities, plan) are pure: plain data in, plain data out,
no Django imports, tested without a database.
"""
