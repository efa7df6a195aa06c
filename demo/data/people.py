"""Words for making residents and places: names, streets, channels and their shares."""

from __future__ import annotations

FIRST_NAMES_EN = (
    "James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David",
    "Elizabeth", "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas",
    "Karen", "Chris", "Sarah", "Daniel", "Lisa", "Matthew", "Nancy", "Anthony", "Sandra",
    "Mark", "Ashley", "Paul", "Emily", "Kevin", "Michelle", "Brian", "Amanda", "George",
    "Melissa", "Tim", "Rebecca", "Aisha", "Wei", "Priya", "Tariq", "Mei", "Kwame", "Olga",
)  # fmt: skip

FIRST_NAMES_ES = (
    "José", "María", "Juan", "Guadalupe", "Luis", "Carmen", "Carlos", "Rosa", "Jorge", "Ana",
    "Miguel", "Lucía", "Pedro", "Isabel", "Ramón", "Elena", "Fernando", "Patricia", "Raúl",
    "Teresa", "Alejandro", "Gabriela", "Andrés", "Marisol", "Héctor", "Yolanda",
)  # fmt: skip

LAST_NAMES_EN = (
    "Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Anderson",
    "Taylor", "Thomas", "Moore", "Jackson", "Martin", "Lee", "Thompson", "White", "Harris",
    "Clark", "Lewis", "Walker", "Hall", "Young", "King", "Wright", "Scott", "Green", "Baker",
    "Adams", "Nelson", "Chen", "Patel", "Okafor", "Novak", "O'Brien", "Kowalski",
)  # fmt: skip

LAST_NAMES_ES = (
    "García", "Rodríguez", "Martínez", "Hernández", "López", "González", "Pérez", "Sánchez",
    "Ramírez", "Torres", "Flores", "Rivera", "Gómez", "Díaz", "Reyes", "Morales", "Cruz",
    "Ortiz", "Gutiérrez", "Chávez", "Ramos", "Vargas", "Castillo", "Jiménez",
)  # fmt: skip

EMAIL_DOMAINS = ("example.org", "example.com", "example.net")

STREETS = (
    "Main Street", "River Road", "Mill Road", "Hudson Avenue", "Oak Street", "Maple Avenue",
    "Elm Street", "Church Street", "Market Street", "Academy Street", "Cannon Street",
    "Hillcrest Drive", "Riverside Drive", "North Avenue", "Washington Street", "Grand Avenue",
    "Spring Street", "Union Street", "Liberty Street", "Garden Street", "Pine Street",
    "Cedar Lane", "Orchard Lane", "Mill Pond Road", "Fairview Avenue", "College Avenue",
)  # fmt: skip

# Share of cases by channel (the 311 mix: web and phone dominate).
CHANNEL_WEIGHTS = {
    "web": 34,
    "phone": 26,
    "email": 10,
    "api": 9,
    "sms": 6,
    "walk_in": 5,
    "chat": 4,
    "social": 3,
    "kiosk": 3,
}
