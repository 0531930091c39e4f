"""The Baisha mediation and legal services portal."""
from __future__ import annotations

import os
from typing import Any

from flask import Flask, render_template
from flask_babel import Babel
from flask_login import LoginManager
from flask_wtf.csrf import CSRFError, CSRFProtect

import config as portal_config
from portal import db, i18n, nav, security
from portal.db import get_session

csrf = CSRFProtect()
babel = Babel()
login_manager = LoginManager()


def create_app(config: Any = None) -> Flask:
    """Build the app; `config` is a config class, a dict of overrides, or a name."""
    app = Flask(
        __name__,
        template_folder=str(portal_config.PROJECT_ROOT / "templates"),
        instance_path=portal_config.INSTANCE_PATH.as_posix(),
    )
    _load_config(app, config)
    security.refuse_insecure_production(app)
    from portal.notifications.smtp import refuse_bad_mail_config

    refuse_bad_mail_config(app.config)
    db.init_app(app)
    csrf.init_app(app)
    babel.init_app(app, locale_selector=i18n.select_locale)
    app.jinja_env.policies["ext.i18n.trimmed"] = True
    i18n.init_app(app)
    from portal.auth.labels import role_label

    app.jinja_env.globals["role_label"] = role_label
    _init_login(app)
    security.init_app(app)
    nav.init_app(app)
    _register_blueprints(app)
    _register_kb(app)
    _register_error_pages(app)
    from portal import cli

    cli.init_app(app)
    return app


def _load_config(app: Flask, config: Any) -> None:
    if config is None:
        config = os.environ.get("PORTAL_ENV", "development")
    if isinstance(config, str):
        app.config.from_object(portal_config.CONFIGS[config])
    elif isinstance(config, dict):
        app.config.from_object(portal_config.TestConfig)
        app.config.update(config)
    else:
        app.config.from_object(config)


def _init_login(app: Flask) -> None:
    from flask_babel import lazy_gettext as _l

    from portal.auth.models import User

    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Please log in to see this page.")
    login_manager.login_message_category = "info"

    @login_manager.user_loader
    def load_user(user_id: str) -> User | None:
        user = get_session().get(User, int(user_id)) if user_id.isdigit() else None
        return user if user is not None and user.active else None


def _register_blueprints(app: Flask) -> None:
    from portal.auth.views import bp as auth_bp
    from portal.home import bp as home_bp
    from portal.places.views import bp as places_bp
    from portal.disputes.views import bp as disputes_bp
    from portal.advice.views import bp as advice_bp

    for blueprint in (home_bp, auth_bp, places_bp, disputes_bp, advice_bp):
        app.register_blueprint(blueprint)
    from portal.notifications import views as notifications_views

    notifications_views.init_app(app)
    from portal.disputes.notify_subjects import register as register_dispute_subject

    register_dispute_subject()


def _register_kb(app: Flask) -> None:
    from portal.kb.api import bp as kb_api_bp
    from portal.kb.views import bp as kb_bp

    app.register_blueprint(kb_bp)
    app.register_blueprint(kb_api_bp)


def _register_error_pages(app: Flask) -> None:
    def render_error(code: int):
        def handler(error: Exception):
            description = getattr(error, "description", None) if code == 400 else None
            return render_template(f"errors/{code}.html", description=description), code

        return handler

    for code in (400, 403, 404, 405, 413, 429, 500):
        app.register_error_handler(code, render_error(code))
    app.register_error_handler(CSRFError, lambda e: (render_template("errors/csrf.html"), 400))
