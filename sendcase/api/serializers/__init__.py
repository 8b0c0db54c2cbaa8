"""What the API returns and accepts. Output only: writes go through the services (sendcase.people)."""
