# AeBot: the server (default) and the operator commands in one image.
#   docker build -t aebot .
#   docker run -p 8080:8080 -v aebot-data:/data aebot                    # SQLite in the volume
#   docker run --rm -v aebot-data:/data aebot ask --as dana.reyes@northwind.example "what closes this month?"
# See README "Run in containers" (compose.yaml: PostgreSQL and two instances).

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore first, from the files restore reads, so a code change does not download the packages again. nuget.config
# lists build/placeholder-packages after nuget.org (see README "Registry gaps").
COPY global.json nuget.config Directory.Build.props Directory.Packages.props ./
COPY build/placeholder-packages/*.nupkg build/placeholder-packages/
COPY src/AeBot/AeBot.csproj src/AeBot/
COPY src/AeBot.Core/AeBot.Core.csproj src/AeBot.Core/
COPY src/AeBot.Data/AeBot.Data.csproj src/AeBot.Data/
COPY src/AeBot.Charts/AeBot.Charts.csproj src/AeBot.Charts/
COPY src/AeBot.Slack/AeBot.Slack.csproj src/AeBot.Slack/
COPY src/AeBot.Teams/AeBot.Teams.csproj src/AeBot.Teams/
COPY src/AeBot.Scheduling/AeBot.Scheduling.csproj src/AeBot.Scheduling/
RUN dotnet restore src/AeBot/AeBot.csproj
COPY src/ src/
# The Teams app package's template and icons are embedded in AeBot.Teams.
COPY manifests/teams/ manifests/teams/
RUN dotnet publish src/AeBot/AeBot.csproj -c Release --no-restore -o /app -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
# Chart images need a font (SkiaSharp reads /usr/share/fonts; the base image has none), and Thai ones for Thai names
# (ChartRenderer.ThaiFontNames: Loma, and Waree, which also has the euro sign).
RUN apt-get update \
    && apt-get install -y --no-install-recommends fonts-dejavu-core fonts-tlwg-loma-ttf fonts-tlwg-waree-ttf \
    && rm -rf /var/lib/apt/lists/* \
    && mkdir /data && chown "$APP_UID" /data
WORKDIR /app
COPY --from=build /app ./
# The base image listens on 8080 (ASPNETCORE_HTTP_PORTS) and defines the unprivileged user "app" ($APP_UID).
ENV Storage__SqlitePath=/data/aebot.db \
    DOTNET_CLI_TELEMETRY_OPTOUT=1
VOLUME /data
EXPOSE 8080
USER $APP_UID
# No curl or wget in the image: the executable checks itself (exit 0 on 2xx).
HEALTHCHECK --interval=30s --timeout=10s --start-period=120s --retries=3 \
    CMD ["dotnet", "aebot.dll", "health", "http://localhost:8080/health/live"]
ENTRYPOINT ["dotnet", "aebot.dll"]
