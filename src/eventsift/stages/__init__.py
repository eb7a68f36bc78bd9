"""One module per layer; each exposes ``STAGE`` (see ``eventsift.pipeline``)."""
