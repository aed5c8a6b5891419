# Family Voice production image. Build: docker build -t family-voice .
# The build stage runs `bin/deploy build`, the same deploy steps the README gives and CI's
# production check runs; the image keeps only what it produced.
FROM node:20-bookworm-slim AS build
RUN apt-get update && apt-get install -y --no-install-recommends gettext python3 python3-venv \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements/base.txt requirements/base.txt
RUN python3 -m venv /venv && /venv/bin/pip install --no-cache-dir -r requirements/base.txt
COPY . .
# Build-time only values: the build touches no database and signs nothing.
RUN PATH=/venv/bin:$PATH DJANGO_SETTINGS_MODULE=portal.settings.production \
    DJANGO_SECRET_KEY=build DJANGO_ALLOWED_HOSTS=build DATABASE_URL=sqlite:////tmp/build.db \
    bin/deploy build

FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 DJANGO_SETTINGS_MODULE=portal.settings.production
RUN useradd --create-home --uid 1000 familyvoice
WORKDIR /app
COPY requirements/base.txt requirements/base.txt
RUN pip install --no-cache-dir -r requirements/base.txt
COPY . .
COPY --from=build /app/static/build ./static/build
COPY --from=build /app/staticfiles ./staticfiles
COPY --from=build /app/locale ./locale
RUN chown -R familyvoice /app
USER familyvoice
EXPOSE 8000
# Web. The other processes (README, "Running in production") use the same image:
#   release: bin/deploy release      worker: python manage.py run_worker --queue-name "*"
#   scheduler: python manage.py run_scheduler
CMD ["gunicorn", "-c", "gunicorn.conf.py", "--bind", "0.0.0.0:8000", "portal.wsgi:application"]
